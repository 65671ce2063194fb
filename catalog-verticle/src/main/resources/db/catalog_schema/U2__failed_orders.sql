DROP TABLE IF EXISTS failed_orders;
