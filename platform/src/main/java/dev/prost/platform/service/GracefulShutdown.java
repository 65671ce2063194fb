package dev.prost.platform.service;

import dev.prost.platform.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does to a Prost JVM: every started service is stopped in reverse start order
 * (HTTP first, then consumers, whose in-flight handlers finish, commit and ack; then the relay,
 * whose pass finishes; then pools and connections), and only then is Vert.x closed. The whole
 * stop is bounded by {@code PROST_SHUTDOWN_TIMEOUT} (30 s); past it Vert.x is closed anyway,
 * which loses nothing either: uncommitted work rolls back and unacked messages are redelivered.
 */
public final class GracefulShutdown {

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  private final Vertx vertx;
  private final Duration timeout;
  private final List<RunningService> services = new CopyOnWriteArrayList<>();

  private GracefulShutdown(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
  }

  /** Registers a JVM shutdown hook that stops what is {@link #add added}, then closes {@code vertx}. */
  public static GracefulShutdown install(Vertx vertx, Env env) {
    GracefulShutdown shutdown = new GracefulShutdown(vertx, timeout(env));
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "prost-shutdown"));
    return shutdown;
  }

  /** {@code PROST_SHUTDOWN_TIMEOUT}: how long a stop may take before Vert.x is closed regardless. */
  public static Duration timeout(Env env) {
    return env.duration("PROST_SHUTDOWN_TIMEOUT", Duration.ofSeconds(30));
  }

  /** A started service, to be stopped before the ones added earlier. */
  public void add(RunningService service) {
    services.add(service);
  }

  /** Stops every service and closes Vert.x; blocks the calling (non-Vert.x) thread until done or timed out. */
  public void run() {
    long started = System.nanoTime();
    List<RunningService> newestFirst = new ArrayList<>(services);
    java.util.Collections.reverse(newestFirst);
    services.clear();
    Future<Void> chain = Future.succeededFuture();
    for (RunningService service : newestFirst) {
      chain = chain.eventually(service::stop);
    }
    try {
      chain.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!newestFirst.isEmpty()) {
        log.info("stopped {} service(s) in {} ms", newestFirst.size(), (System.nanoTime() - started) / 1_000_000);
      }
    } catch (Exception e) {
      log.warn("services did not stop within {} ({}); closing anyway", timeout, e.toString());
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }
}
