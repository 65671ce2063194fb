package dev.prost.launcher;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one operator command works with, opened on first use and closed with the command: a
 * Vert.x instance, the broker connection (one attempt, no retries: an operator wants to hear
 * at once that the broker is down) and one pool per service schema it touches, each as the
 * service's own role.
 */
final class OperatorContext implements AutoCloseable {

  private final Env env;
  private final PrintWriter out;
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private MessagingConfig messaging;
  private AmqpConnection connection;

  OperatorContext(Env env, PrintWriter out) {
    this.env = env;
    this.out = out;
  }

  Env env() {
    return env;
  }

  PrintWriter out() {
    return out;
  }

  MessagingConfig messaging() {
    if (messaging == null) {
      messaging = MessagingConfig.from(env);
    }
    return messaging;
  }

  AmqpConnection broker() {
    if (connection == null) {
      connection = await(AmqpConnection.open(vertx, messaging(), "prost-operator", Duration.ZERO));
    }
    return connection;
  }

  /** The pool of {@code service}'s schema, connecting as its role. */
  Pool pool(String service) {
    return pools.computeIfAbsent(service,
        name -> ServicePool.create(vertx, DatabaseConfig.from(env, name), ServiceSchema.of(name)));
  }

  /** Blocks the command's thread (never an event loop) until {@code future} completes. */
  <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(describe(cause), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("gave up after 10 minutes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Names the schema in a database failure of {@code work}, so the one error line says where. */
  <T> Future<T> database(String service, Future<T> work) {
    return work.recover(e -> Future.failedFuture(new OperatorException(1,
        ServiceSchema.of(service).schema() + ": " + describe(e))));
  }

  /** One line for a failure, in the failing component's words. */
  static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      return pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")";
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }

  @Override
  public void close() {
    pools.values().forEach(pool -> pool.close());
    if (connection != null) {
      connection.close();
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the command's result is known; a slow shutdown changes nothing about it
    }
  }
}
