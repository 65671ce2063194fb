DROP TABLE IF EXISTS payment_refunds;
