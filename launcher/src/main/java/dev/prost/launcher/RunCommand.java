package dev.prost.launcher;

import dev.prost.catalog.CatalogConfig;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import dev.prost.platform.logging.JsonLineEncoder;
import dev.prost.platform.logging.LogFormat;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.service.GracefulShutdown;
import dev.prost.platform.service.ProcessVertx;
import dev.prost.platform.service.RunningService;
import dev.prost.users.UsersConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code prost run [all|users|catalog|cart|orders ...]}: any subset of the services in one JVM,
 * started in order and stopped in reverse on SIGTERM ({@link GracefulShutdown}). With every
 * service, the public port ({@code PROST_PUBLIC_PORT}) routes to them in-process; a subset
 * serves only its services' own ports, for HAProxy to front ({@code prost balancer}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start services in this JVM (default: all).")
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  private static volatile boolean serving;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "all, users, catalog, cart, orders")
  List<String> services = new ArrayList<>();

  @Option(names = "--seed-demo", description = "If the catalogue is empty, add a demo catalogue (needs users and "
      + "catalog in this JVM, and PROST_ADMIN_EMAIL / PROST_ADMIN_PASSWORD).")
  boolean seedDemo;

  static boolean isServing() {
    return serving;
  }

  @Override
  public Integer call() throws Exception {
    List<String> names = Services.expand(services);
    Env env = ((Prost) spec.root().userObject()).env();
    // spans of no service's contexts (the topology declared at start) are the process's
    Vertx vertx = ProcessVertx.create(env, "prost");
    GracefulShutdown shutdown;
    try {
      LogFormat.from(env);
      JsonLineEncoder.nameProcess(names.size() == 1 ? names.get(0) : "prost");
      shutdown = GracefulShutdown.install(vertx, env);
      Future<Void> all = declareTopology(vertx, env);
      List<RunningService> started = new ArrayList<>();
      for (String name : names) {
        all = all.compose(v -> Services.start(name, vertx, env)).map(service -> {
          started.add(service);
          shutdown.add(service);
          return null;
        });
      }
      if (names.equals(Services.NAMES)) {
        all = all.compose(v -> Services.startEntry(vertx, env, started)).map(entry -> {
          shutdown.add(entry);
          return null;
        });
      }
      all.toCompletionStage().toCompletableFuture().get();
    } catch (ConfigException e) {
      log.error("bad configuration: {}", e.getMessage());
      close(vertx);
      return 2;
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof ConfigException config) {
        log.error("bad configuration: {}", config.getMessage());
        close(vertx);
        return 2;
      }
      log.error("could not start: {}", cause.getMessage());
      close(vertx);
      return 1;
    }
    log.info("running: {}", String.join(", ", names));
    serving = true;
    if (seedDemo) {
      seed(vertx, env, names);
    }
    return 0;
  }

  /**
   * Every Prost exchange and queue, before any service of this JVM starts: RabbitMQ drops an
   * event published before its consumer's queue is bound, and a service declares only its own
   * queues (a product created before cart's queue existed would never reach cart). Idempotent.
   */
  private static Future<Void> declareTopology(Vertx vertx, Env env) {
    MessagingConfig config = MessagingConfig.from(env);
    return AmqpConnection.open(vertx, config, "prost-run-topology@" + config.namespace()).compose(connection ->
        ProstTopology.declare(connection, config).<Void>mapEmpty().onComplete(ar -> connection.close()));
  }

  // a failed seed is worth an error line, not a stopped system
  private static void seed(Vertx vertx, Env env, List<String> names) {
    Optional<String> email = env.optional("PROST_ADMIN_EMAIL");
    Optional<String> password = env.optional("PROST_ADMIN_PASSWORD");
    if (!names.containsAll(List.of("users", "catalog")) || email.isEmpty() || password.isEmpty()) {
      log.warn("--seed-demo needs users and catalog in this JVM and PROST_ADMIN_EMAIL / PROST_ADMIN_PASSWORD; "
          + "no demo data added");
      return;
    }
    WebClientOptions local = new WebClientOptions().setDefaultHost("127.0.0.1");
    WebClient users = WebClient.create(vertx, new WebClientOptions(local).setDefaultPort(UsersConfig.from(env).port()));
    WebClient catalog = WebClient.create(vertx,
        new WebClientOptions(local).setDefaultPort(CatalogConfig.from(env).port()));
    new DemoSeed(users, catalog).seed(email.get(), password.get())
        .onFailure(e -> log.error("demo catalogue not seeded: {}", e.getMessage()))
        .onComplete(done -> {
          users.close();
          catalog.close();
        });
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown did not finish cleanly: {}", e.toString());
    }
  }
}
