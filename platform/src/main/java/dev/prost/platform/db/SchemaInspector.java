package dev.prost.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Read-only questions about a service's database: is it up, what is in the schema. */
public final class SchemaInspector {

  private final Pool pool;
  private final ServiceSchema schema;

  public SchemaInspector(Pool pool, ServiceSchema schema) {
    this.pool = pool;
    this.schema = schema;
  }

  /** Succeeds when a trivial query answers within {@code timeout}. */
  public Future<Void> health(Duration timeout) {
    return pool.query("SELECT 1").execute()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  /** Base tables of the service's schema, sorted by name. */
  public Future<List<String>> tables() {
    return pool.preparedQuery("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name""")
        .execute(Tuple.of(schema.schema()))
        .map(rows -> {
          List<String> names = new java.util.ArrayList<>();
          for (Row row : rows) {
            names.add(row.getString(0));
          }
          return names;
        });
  }

  /** The newest successfully applied migration version, or "0" for an empty schema. */
  public Future<String> currentVersion() {
    return tables().compose(tables -> {
      if (!tables.contains("flyway_schema_history")) {
        return Future.succeededFuture("0");
      }
      return pool.query("""
              SELECT version FROM flyway_schema_history
              WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1""")
          .execute()
          .map(rows -> rows.size() == 0 ? "0" : rows.iterator().next().getString(0));
    });
  }
}
