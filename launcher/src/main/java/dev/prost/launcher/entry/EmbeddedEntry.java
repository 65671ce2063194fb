package dev.prost.launcher.entry;

import dev.prost.launcher.PublicRoutes;
import dev.prost.platform.config.Env;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.HttpSettings;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.metrics.ProcessMetrics;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the public port of an embedded deployment ({@link EntryVerticle}), one verticle per
 * event loop like every service's own HTTP servers, in front of the services of this process.
 * A split deployment has no entry of Prost's: HAProxy ({@code prost balancer}) is its public port.
 */
public final class EmbeddedEntry {

  /** The entry point's name: its spans' {@code service.name}, its connections' {@code service} tag. */
  public static final String NAME = "entry";
  /** The variable naming the public port (8080). */
  public static final String PORT = "PROST_PUBLIC_PORT";

  private EmbeddedEntry() {}

  /** The public port in front of {@code started}, which must hold every service behind it. */
  public static Future<RunningService> start(Vertx vertx, Env env, List<RunningService> started) {
    Map<String, ServiceRouter.Options> local = new LinkedHashMap<>();
    started.forEach(service -> service.routes().ifPresent(routes -> local.put(routes.service(), routes)));
    List<String> missing = PublicRoutes.services().stream().filter(name -> !local.containsKey(name)).toList();
    if (!missing.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("the public port needs every service in this process;"
          + " missing " + String.join(", ", missing) + " (split services go behind HAProxy: prost balancer)"));
    }
    return start(vertx, local, env.port(PORT, 8080), HttpSettings.instances(env));
  }

  /** {@code services}: each service's name and the routes it serves, from its {@link RunningService}. */
  private static Future<RunningService> start(Vertx vertx, Map<String, ServiceRouter.Options> services, int port,
      int instances) {
    HealthChecks.Builder checks = HealthChecks.builder();
    services.forEach((name, options) -> checks.add(name, () -> options.health().ready().compose(EmbeddedEntry::up)));
    HealthChecks health = checks.build();
    // Vert.x's request meters of this one port, tagged with the service each path belongs to
    ProcessMetrics.nameServer(vertx, port, NAME);
    ProcessMetrics.routeByPath(vertx, PublicRoutes::serviceOf);
    return vertx.deployVerticle(() -> new EntryVerticle(Map.copyOf(services), health, port),
            Tracing.deployment(NAME).setInstances(instances))
        .map(deployment -> () -> vertx.undeploy(deployment));
  }

  private static Future<Void> up(JsonObject report) {
    return "UP".equals(report.getString("status")) ? Future.succeededFuture()
        : Future.failedFuture(String.join(", ", report.getJsonObject("reasons", new JsonObject()).fieldNames())
            + " down");
  }
}
