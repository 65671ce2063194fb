-- The W3C trace context (traceparent, tracestate) of the transaction that wrote the row, as the
-- propagator's carrier: the relay's publish span continues it, and sends it on as AMQP headers.
-- NULL when tracing is off.
ALTER TABLE outbox ADD COLUMN trace_context jsonb;
