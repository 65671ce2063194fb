package dev.prost.platform.db.impl;

import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.ServiceSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;

/** {@link Migrations} on Flyway Community, with {@link UndoScripts} for rollback. */
public final class FlywayMigrations implements Migrations {

  static final String HISTORY_TABLE = "flyway_schema_history";

  private final Vertx vertx;
  private final DatabaseConfig config;
  private final ServiceSchema schema;

  public FlywayMigrations(Vertx vertx, DatabaseConfig config, ServiceSchema schema) {
    this.vertx = vertx;
    this.config = config;
    this.schema = schema;
  }

  @Override
  public Future<String> migrate() {
    return vertx.executeBlocking(() -> {
      flyway().migrate();
      // the version actually in the schema, whether or not this call applied anything
      org.flywaydb.core.api.MigrationInfo current = flyway().info().current();
      return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }, false);
  }

  @Override
  public Future<List<MigrationInfo>> info() {
    return vertx.executeBlocking(() -> Arrays.stream(flyway().info().all())
        .map(FlywayMigrations::toInfo)
        .toList(), false);
  }

  @Override
  public Future<Void> validate() {
    return vertx.<Void>executeBlocking(() -> {
      // pending migrations are normal before a migrate; only applied ones must match
      Flyway.configure(getClass().getClassLoader())
          .configuration(flyway().getConfiguration())
          .ignoreMigrationPatterns("*:pending")
          .load()
          .validate();
      return null;
    }, false);
  }

  @Override
  public Future<List<String>> rollback(String toVersion) {
    return vertx.executeBlocking(
        () -> new UndoScripts(config, schema, HISTORY_TABLE).rollback(toVersion), false);
  }

  private Flyway flyway() {
    return Flyway.configure(getClass().getClassLoader())
        .dataSource(config.jdbcUrl(), schema.role(), config.password())
        .schemas(schema.schema())
        .defaultSchema(schema.schema())
        .createSchemas(false)
        .table(HISTORY_TABLE)
        .locations(schema.migrationLocations())
        // platform migrations (0.x) added after a schema reached its own V1+ are applied late
        .outOfOrder(true)
        .cleanDisabled(true)
        .load();
  }

  private static MigrationInfo toInfo(org.flywaydb.core.api.MigrationInfo info) {
    return new MigrationInfo(
        info.getVersion() == null ? "" : info.getVersion().getVersion(),
        info.getDescription(),
        info.getState().getDisplayName(),
        info.getInstalledOn() == null ? "" : Instant.ofEpochMilli(info.getInstalledOn().getTime()).toString());
  }
}
