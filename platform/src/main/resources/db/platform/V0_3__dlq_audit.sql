-- What operators did to dead-letter queues (prost dlq replay|purge): one row per message,
-- written in the schema of the service whose consumer dead-lettered it, before the message
-- leaves the queue. Dry runs write nothing. event_id and correlation_id are null when the
-- message carried none that is a UUID (an undecodable publish).
CREATE TABLE dlq_audit (
  id             bigserial   PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  action         text        NOT NULL CHECK (action IN ('replay', 'purge')),
  queue          text        NOT NULL,
  event_id       uuid,
  event_type     text,
  correlation_id uuid,
  reason         text,
  operator       text        NOT NULL,
  outcome        text        NOT NULL
);

CREATE INDEX dlq_audit_event ON dlq_audit (event_id);
CREATE INDEX dlq_audit_correlation ON dlq_audit (correlation_id);
