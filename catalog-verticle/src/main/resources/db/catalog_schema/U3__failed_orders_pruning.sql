DROP INDEX IF EXISTS failed_orders_failed_at;
