-- Prost bootstrap: one login role and one schema per service, in the current database.
-- Run as a superuser against the target database. Idempotent: running it twice changes nothing.
-- A service's role owns its schema and has no rights on any other, so isolation is
-- enforced by PostgreSQL itself (reading orders_schema as catalog_svc is "permission denied").

DO $$
DECLARE
  svc text;
BEGIN
  FOREACH svc IN ARRAY ARRAY['users', 'catalog', 'cart', 'orders'] LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN', svc || '_svc');
    EXCEPTION
      -- roles are cluster-wide: another database (or a concurrent run) may have made it already
      WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc || '_schema', svc || '_svc');
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc || '_schema');
  END LOOP;
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
