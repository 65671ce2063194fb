UPDATE inventory_reservations SET status = 'COMMITTED' WHERE status = 'RETURNED' AND returned_on_hand > 0;
UPDATE inventory_reservations SET status = 'RELEASED' WHERE status = 'RETURNED';
ALTER TABLE inventory_reservations DROP COLUMN IF EXISTS returned_on_hand;
ALTER TABLE inventory_reservations DROP CONSTRAINT inventory_reservations_status_check;
ALTER TABLE inventory_reservations ADD CONSTRAINT inventory_reservations_status_check
  CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'EXPIRED'));
