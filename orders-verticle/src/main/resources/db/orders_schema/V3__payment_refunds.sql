-- Every refund the provider confirmed, keyed by its refund reference: a provider asked again
-- (the same idempotency key) answers the same reference, which adds nothing; a second real
-- refund of one payment would be a second row, and refunded_cents (now the sum of the rows)
-- would exceed the charge, where an invariant sees it.
CREATE TABLE payment_refunds (
  provider_reference text PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES payments (order_id) ON DELETE CASCADE,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  refunded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_refunds_by_order ON payment_refunds (order_id);

-- refunds completed before this table existed, each with a reference of its own
INSERT INTO payment_refunds (provider_reference, order_id, amount_cents, refunded_at)
SELECT 'pre-v3:' || order_id, order_id, refunded_cents, updated_at FROM payments
WHERE status = 'REFUNDED' AND refunded_cents > 0;
