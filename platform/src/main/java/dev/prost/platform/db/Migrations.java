package dev.prost.platform.db;

import dev.prost.platform.db.impl.FlywayMigrations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Schema migrations of one service: Flyway's migrate, info and validate, plus the
 * {@code rollback} that Flyway Community lacks. Every call runs its JDBC work on a worker
 * thread, so it is safe to call from a verticle.
 *
 * <p>Migrations live in {@code db/platform} (the outbox, inbox and DLQ audit tables, versions
 * 0.x) and {@code db/<schema>} (the service's own, versions 1+). Each {@code V<n>__name.sql}
 * has an undo script {@code U<n>__name.sql} beside it. A platform migration added later has a
 * version below the service's applied ones, so migrations run with Flyway's
 * {@code outOfOrder}: it is applied after them instead of being refused.
 */
public interface Migrations {

  static Migrations create(Vertx vertx, DatabaseConfig config, ServiceSchema schema) {
    return new FlywayMigrations(vertx, config, schema);
  }

  /** Applies pending migrations; answers the schema version afterwards. */
  Future<String> migrate();

  /** Applied and pending migrations, oldest first. */
  Future<List<MigrationInfo>> info();

  /** Fails when applied migrations differ from the ones on the classpath. */
  Future<Void> validate();

  /**
   * Undoes every applied migration newer than {@code toVersion}: runs their {@code U} scripts
   * in reverse order of application and removes their history rows, all in one transaction.
   * Fails without changing anything when an undo script is missing. Answers the versions
   * undone, in the order they were undone.
   */
  Future<List<String>> rollback(String toVersion);

  /** One row of {@link #info()}. */
  record MigrationInfo(String version, String description, String state, String installedOn) {}
}
