package dev.prost.platform.service;

import dev.prost.platform.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a runnable service jar: reads config, starts the service on a fresh
 * Vert.x, and exits non-zero with one clear line when config is bad or a dependency
 * cannot be reached. SIGTERM closes Vert.x, which undeploys the verticles in order.
 */
public final class ServiceMain {

  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** {@code start} deploys the service; it may throw {@link ConfigException} while reading config. */
  public static void run(String name, Function<Vertx, Future<?>> start) {
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(vertx), "prost-shutdown"));
    Future<?> started;
    try {
      started = start.apply(vertx);
    } catch (ConfigException e) {
      log.error("{}: bad configuration: {}", name, e.getMessage());
      exit(vertx, 2);
      return;
    }
    started
        .onSuccess(v -> log.info("{} started", name))
        .onFailure(e -> {
          log.error("{} could not start: {}", name, e.getMessage());
          exit(vertx, 1);
        });
  }

  private static void exit(Vertx vertx, int status) {
    // never block an event loop on close: leave from a thread of our own
    new Thread(() -> {
      close(vertx);
      System.exit(status);
    }, "prost-exit").start();
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown did not finish cleanly: {}", e.toString());
    }
  }
}
