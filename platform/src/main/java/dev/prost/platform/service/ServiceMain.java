package dev.prost.platform.service;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import dev.prost.platform.logging.JsonLineEncoder;
import dev.prost.platform.logging.LogFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a runnable service jar: reads config, starts the service on a fresh
 * Vert.x, and exits non-zero with one clear line when config is bad or a dependency
 * cannot be reached. SIGTERM stops the service gracefully ({@link GracefulShutdown}).
 */
public final class ServiceMain {

  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** {@code start} deploys the service; it may throw {@link ConfigException} while reading config. */
  public static void run(String name, Function<Vertx, Future<RunningService>> start) {
    Vertx vertx = ProcessVertx.create(Env.system(), name);
    GracefulShutdown shutdown;
    Future<RunningService> started;
    try {
      LogFormat.from(Env.system());
      JsonLineEncoder.nameProcess(name);
      shutdown = GracefulShutdown.install(vertx, Env.system());
      started = start.apply(vertx);
    } catch (ConfigException e) {
      log.error("{}: bad configuration: {}", name, e.getMessage());
      exit(vertx, 2);
      return;
    }
    started
        .onSuccess(service -> {
          shutdown.add(service);
          log.info("{} started", name);
        })
        .onFailure(e -> {
          log.error("{} could not start: {}", name, e.getMessage());
          exit(vertx, 1);
        });
  }

  private static void exit(Vertx vertx, int status) {
    // never block an event loop on close: leave from a thread of our own (the hook closes Vert.x)
    new Thread(() -> System.exit(status), "prost-exit").start();
  }
}
