-- The checkout gate (SagaBacklog) counts, every 250 ms, the sagas in flight and those that ended
-- in the last seconds: with this index both are short ranges, not scans of the whole history.
CREATE INDEX saga_state_status_updated ON saga_state (status, updated_at);
