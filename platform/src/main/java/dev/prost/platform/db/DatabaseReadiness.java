package dev.prost.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start for PostgreSQL to answer, retrying with exponential backoff until the
 * configured startup timeout, so that a service started a moment before its database
 * comes up instead of crash-looping, yet still fails clearly when it never does.
 */
public final class DatabaseReadiness {

  private static final Logger log = LoggerFactory.getLogger(DatabaseReadiness.class);
  private static final Duration FIRST_DELAY = Duration.ofMillis(200);
  private static final Duration MAX_DELAY = Duration.ofSeconds(5);

  private DatabaseReadiness() {}

  /** Waits for the database, then brings the service's schema up to date; answers its version. */
  public static Future<String> awaitAndMigrate(Vertx vertx, Pool pool, DatabaseConfig config, ServiceSchema schema) {
    return await(vertx, pool, config, schema).compose(v -> Migrations.create(vertx, config, schema).migrate());
  }

  public static Future<Void> await(Vertx vertx, Pool pool, DatabaseConfig config, ServiceSchema schema) {
    Promise<Void> ready = Promise.promise();
    long deadline = System.nanoTime() + config.startupTimeout().toNanos();
    attempt(vertx, pool, config, schema, deadline, FIRST_DELAY, ready);
    return ready.future();
  }

  private static void attempt(Vertx vertx, Pool pool, DatabaseConfig config, ServiceSchema schema,
      long deadline, Duration delay, Promise<Void> ready) {
    pool.query("SELECT 1").execute().onComplete(ar -> {
      if (ar.succeeded()) {
        ready.complete();
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        ready.fail(new IllegalStateException("could not reach PostgreSQL at " + config.host() + ":"
            + config.port() + "/" + config.database() + " as role " + schema.role() + " within "
            + config.startupTimeout().toMillis() + " ms: " + ar.cause().getMessage(), ar.cause()));
        return;
      }
      log.warn("PostgreSQL not reachable yet ({}), retrying in {} ms", ar.cause().getMessage(), delay.toMillis());
      long wait = Math.max(1, Math.min(delay.toMillis(), left / 1_000_000));
      Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
      vertx.setTimer(wait, id -> attempt(vertx, pool, config, schema, deadline, next, ready));
    });
  }
}
