-- The sweeper prunes failed_orders past PROST_FAILED_ORDER_RETENTION, oldest first.
CREATE INDEX failed_orders_failed_at ON failed_orders (failed_at);
