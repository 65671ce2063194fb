-- Categories, products with their stock, and the reservations checkouts hold on that stock.
CREATE TABLE categories (
  id         uuid        PRIMARY KEY,
  name       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX categories_name_ci ON categories (lower(name));

CREATE TABLE products (
  id             uuid        PRIMARY KEY,
  sku            text        NOT NULL UNIQUE,
  name           text        NOT NULL,
  description    text        NOT NULL DEFAULT '',
  price_cents    bigint      NOT NULL CHECK (price_cents >= 0),
  currency       char(3)     NOT NULL,
  category_id    uuid        NOT NULL REFERENCES categories (id),
  supplier_id    uuid,
  active         boolean     NOT NULL DEFAULT true,
  stock_on_hand  integer     NOT NULL,
  stock_reserved integer     NOT NULL DEFAULT 0,
  version        bigint      NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  -- the oversell guard lives in the database: no code path can break it
  CONSTRAINT products_stock_bounds CHECK (0 <= stock_reserved AND stock_reserved <= stock_on_hand)
);
CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_price ON products (price_cents);

CREATE TABLE inventory_reservations (
  order_id   uuid        NOT NULL,
  product_id uuid        NOT NULL REFERENCES products (id),
  quantity   integer     NOT NULL CHECK (quantity > 0),
  status     text        NOT NULL CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'EXPIRED')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, product_id)
);
-- the sweeper's scan: live reservations past their deadline
CREATE INDEX inventory_reservations_expiry ON inventory_reservations (expires_at) WHERE status = 'RESERVED';
