-- Transactional outbox: a state change and the events it causes commit together.
-- The relay publishes unpublished rows in id order and stamps published_at after the
-- broker's confirm. Exchange names are logical ("catalog.events"); the relay adds the
-- namespace prefix.
CREATE TABLE outbox (
  id             bigserial   PRIMARY KEY,
  event_id       uuid        NOT NULL UNIQUE,
  event_type     text        NOT NULL,
  event_version  int         NOT NULL,
  exchange       text        NOT NULL,
  routing_key    text        NOT NULL,
  correlation_id uuid        NOT NULL,
  envelope       text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_at   timestamptz
);

-- the relay's scan: only unpublished rows, oldest first
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
-- pruning of published rows by age
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX outbox_correlation ON outbox (correlation_id);

-- Wake the relay as soon as a transaction that wrote events commits (NOTIFY is
-- delivered on commit only). One notification per statement, not per row.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
