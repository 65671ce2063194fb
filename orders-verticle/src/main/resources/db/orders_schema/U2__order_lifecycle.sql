DROP INDEX IF EXISTS saga_state_open;
CREATE INDEX saga_state_open ON saga_state (state, started_at) WHERE state NOT IN ('CONFIRMED', 'FAILED');
ALTER TABLE payments DROP COLUMN IF EXISTS refunded_cents;
UPDATE payments SET status = 'REFUND_REQUIRED' WHERE status = 'REFUNDING';
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('PENDING', 'PROCESSED', 'DECLINED', 'VOIDED', 'REFUND_REQUIRED', 'REFUNDED'));
ALTER TABLE saga_compensation_log DROP COLUMN IF EXISTS completed_at, DROP COLUMN IF EXISTS completion;
DROP INDEX IF EXISTS orders_by_status;
ALTER TABLE orders DROP COLUMN IF EXISTS carrier, DROP COLUMN IF EXISTS tracking_number;
