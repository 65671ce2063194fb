package dev.prost.launcher;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code prost run [all|users|catalog|cart|orders|gateway ...]}: any subset of the services in one JVM. */
@Command(name = "run", description = "Start services in this JVM (default: all).")
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  private static volatile boolean serving;

  @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "all, users, catalog, cart, orders, gateway")
  List<String> services = new ArrayList<>();

  static boolean isServing() {
    return serving;
  }

  @Override
  public Integer call() throws Exception {
    List<String> names = Services.expandRunnable(services);
    Env env = Env.system();
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(vertx), "prost-shutdown"));
    try {
      Future<Void> all = Future.succeededFuture();
      for (String name : names) {
        all = all.compose(v -> Services.start(name, vertx, env)).mapEmpty();
      }
      all.toCompletionStage().toCompletableFuture().get();
    } catch (ConfigException e) {
      log.error("bad configuration: {}", e.getMessage());
      close(vertx);
      return 2;
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.error("could not start: {}", cause.getMessage());
      close(vertx);
      return 1;
    }
    log.info("running: {}", String.join(", ", names));
    serving = true;
    return 0;
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown did not finish cleanly: {}", e.toString());
    }
  }
}
