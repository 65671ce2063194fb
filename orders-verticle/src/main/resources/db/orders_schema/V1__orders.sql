-- Orders and the checkout saga that drives each one (DESIGN.md §6). The order id is the
-- checkout's correlation id. saga_state.version is the optimistic concurrency check every
-- transition makes; saga_events keeps every input the saga saw, applied or ignored. Journal
-- times are the transaction's (now()), like the inbox and outbox rows written with them, so a
-- trace can order one transaction's rows by kind; within a transaction rows keep order by id.

CREATE TABLE orders (
  id             uuid        PRIMARY KEY,
  user_id        uuid        NOT NULL,
  cart_id        uuid        NOT NULL,
  status         text        NOT NULL,
  total_cents    bigint      NOT NULL CHECK (total_cents >= 0),
  currency       char(3)     NOT NULL,
  payment_token  text        NOT NULL,
  failure_reason text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer     NOT NULL DEFAULT 0
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id);
CREATE INDEX orders_by_time ON orders (created_at DESC, id);

CREATE TABLE order_items (
  order_id         uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no          integer NOT NULL,
  product_id       uuid    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE saga_state (
  order_id   uuid        PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  state      text        NOT NULL,
  deadline   timestamptz,
  attempts   integer     NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer     NOT NULL DEFAULT 0
);
-- the timeout sweeper's scan: only sagas that can still time out carry a deadline
CREATE INDEX saga_state_overdue ON saga_state (deadline) WHERE deadline IS NOT NULL;
CREATE INDEX saga_state_open ON saga_state (state, started_at) WHERE state NOT IN ('CONFIRMED', 'FAILED');

CREATE TABLE saga_events (
  id          bigserial   PRIMARY KEY,
  order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  input       text        NOT NULL,
  event_id    uuid,
  from_state  text,
  to_state    text        NOT NULL,
  outcome     text        NOT NULL CHECK (outcome IN ('applied', 'ignored')),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saga_events_by_order ON saga_events (order_id, id);

CREATE TABLE saga_compensation_log (
  id       bigserial   PRIMARY KEY,
  order_id uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  step     text        NOT NULL,
  action   text        NOT NULL,
  outcome  text        NOT NULL,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saga_compensation_log_by_order ON saga_compensation_log (order_id, id);

-- one row per order, ever: the primary key is what makes a charge happen at most once
CREATE TABLE payments (
  order_id           uuid        PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  amount_cents       bigint      NOT NULL CHECK (amount_cents >= 0),
  currency           char(3)     NOT NULL,
  status             text        NOT NULL
                       CHECK (status IN ('PENDING', 'PROCESSED', 'DECLINED', 'VOIDED', 'REFUND_REQUIRED', 'REFUNDED')),
  provider_reference text,
  attempts           integer     NOT NULL DEFAULT 0,
  failure_reason     text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_refunds ON payments (updated_at) WHERE status = 'REFUND_REQUIRED';
