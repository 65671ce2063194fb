-- Orders whose OrderFailed catalog has applied. An OrderPlaced can arrive after its order's
-- OrderFailed (it waited in the retry queue, or catalog was down, while the saga's deadline
-- passed and compensation ran): it must reserve nothing, since the saga has ended and will
-- never release what it would hold.
CREATE TABLE failed_orders (
  order_id  uuid        PRIMARY KEY,
  failed_at timestamptz NOT NULL DEFAULT now()
);
