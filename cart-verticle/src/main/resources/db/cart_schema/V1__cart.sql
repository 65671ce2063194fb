-- Carts and their items, the product projection fed by catalog events, and the tables the
-- checkout builds on (the cart's view of each saga, Idempotency-Key answers).
CREATE TABLE carts (
  id         uuid        PRIMARY KEY,
  user_id    uuid        NOT NULL,
  status     text        NOT NULL DEFAULT 'ACTIVE'
                         CHECK (status IN ('ACTIVE', 'CHECKING_OUT', 'CHECKED_OUT')),
  version    bigint      NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- one open cart per user: UserRegistered and a first request race to create it, and both
-- insert with ON CONFLICT on this index; CHECKED_OUT carts stay as history
CREATE UNIQUE INDEX carts_one_open_per_user ON carts (user_id) WHERE status IN ('ACTIVE', 'CHECKING_OUT');

CREATE TABLE cart_items (
  cart_id    uuid        NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  product_id uuid        NOT NULL,
  quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, product_id)
);

-- catalog's products as the cart sees them; source_version is the catalog's product version,
-- so an older or repeated event never overwrites a newer row
CREATE TABLE product_view (
  product_id     uuid        PRIMARY KEY,
  name           text        NOT NULL,
  price_cents    bigint      NOT NULL CHECK (price_cents >= 0),
  currency       char(3)     NOT NULL,
  active         boolean     NOT NULL,
  source_version bigint      NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE saga_state (
  order_id   uuid        PRIMARY KEY,
  cart_id    uuid        NOT NULL REFERENCES carts (id),
  user_id    uuid        NOT NULL,
  status     text        NOT NULL CHECK (status IN ('INITIATED', 'CONFIRMED', 'FAILED')),
  reason     text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saga_state_cart ON saga_state (cart_id);

CREATE TABLE idempotency_keys (
  key             text        NOT NULL,
  user_id         uuid        NOT NULL,
  request_hash    text        NOT NULL,
  response_status integer     NOT NULL,
  response_body   text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
