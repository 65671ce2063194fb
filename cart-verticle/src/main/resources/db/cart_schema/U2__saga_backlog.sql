DROP INDEX IF EXISTS saga_state_status_updated;
