-- RETURNED: the order was cancelled after confirmation, or returned with restock, and its units
-- went back to stock (a COMMITTED row: on hand again; a row still RESERVED when the return
-- overtook the confirmation: released). A row moves there once, by a conditional update.
ALTER TABLE inventory_reservations DROP CONSTRAINT inventory_reservations_status_check;
ALTER TABLE inventory_reservations ADD CONSTRAINT inventory_reservations_status_check
  CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'EXPIRED', 'RETURNED'));
-- what the return did to stock_on_hand: the units sold and now back, 0 for a released row
ALTER TABLE inventory_reservations ADD COLUMN returned_on_hand integer NOT NULL DEFAULT 0;
