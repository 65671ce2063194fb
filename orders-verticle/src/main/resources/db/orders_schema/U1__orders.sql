DROP TABLE IF EXISTS payments, saga_compensation_log, saga_events, saga_state, order_items, orders;
