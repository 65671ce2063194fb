-- The order after checkout (DESIGN.md §6): cancellation, shipment, delivery, refund.

-- what the shop recorded when it shipped
ALTER TABLE orders ADD COLUMN carrier text, ADD COLUMN tracking_number text;
-- the admin list filters by status and placed time
CREATE INDEX orders_by_status ON orders (status, created_at DESC, id);

-- each compensating step is logged when it is taken and again when it is done
ALTER TABLE saga_compensation_log ADD COLUMN completed_at timestamptz, ADD COLUMN completion text;

-- REFUNDING: a refund was asked of the provider and its answer not recorded yet;
-- refunded_cents is what went back (0 until a refund completes)
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('PENDING', 'PROCESSED', 'DECLINED', 'VOIDED', 'REFUND_REQUIRED', 'REFUNDING', 'REFUNDED'));
ALTER TABLE payments ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0);
UPDATE payments SET refunded_cents = amount_cents WHERE status = 'REFUNDED';

-- sagas with something in flight: a CONFIRMED order is at rest, like the ends of its life
DROP INDEX saga_state_open;
CREATE INDEX saga_state_open ON saga_state (state, started_at)
  WHERE state NOT IN ('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED');
