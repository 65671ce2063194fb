-- The inbox: one row per (consumer, event) applied. Inserted with ON CONFLICT DO NOTHING
-- in the same transaction as the handler's effect, so an event is applied at most once
-- per consumer however often the broker delivers it.
CREATE TABLE processed_events (
  consumer       text        NOT NULL,
  event_id       uuid        NOT NULL,
  event_type     text,
  correlation_id uuid,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
CREATE INDEX processed_events_correlation ON processed_events (correlation_id);
