-- The relay is now woken in-process when a transaction that wrote outbox rows commits.
-- The NOTIFY trigger goes: PostgreSQL takes one database-wide lock for every commit
-- that sent a NOTIFY and holds it through the WAL flush, so outbox writers could never
-- share a flush (docs/decisions.md, "The relay wakes in-process").
DROP TRIGGER IF EXISTS outbox_notify ON outbox;
DROP FUNCTION IF EXISTS outbox_notify();
