package dev.prost.launcher.entry;

import dev.prost.launcher.PublicRoutes;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.metrics.ProcessMetrics;
import dev.prost.platform.service.RunningService;
import dev.prost.launcher.gateway.GatewayService;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Starts the public port of an embedded deployment ({@link EntryVerticle}), one verticle per
 * event loop like every service's own HTTP servers, in front of the services of this process.
 */
public final class EmbeddedEntry {

  private EmbeddedEntry() {}

  /** {@code services}: each service's name and the routes it serves, from its {@link RunningService}. */
  public static Future<RunningService> start(Vertx vertx, Map<String, ServiceRouter.Options> services, int port,
      int instances) {
    HealthChecks.Builder checks = HealthChecks.builder();
    services.forEach((name, options) -> checks.add(name, () -> options.health().ready().compose(EmbeddedEntry::up)));
    HealthChecks health = checks.build();
    // Vert.x's request meters of this one port, tagged with the service each path belongs to
    ProcessMetrics.nameServer(vertx, port, "gateway");
    ProcessMetrics.routeByPath(vertx, PublicRoutes::serviceOf);
    return vertx.deployVerticle(() -> new EntryVerticle(Map.copyOf(services), health, port),
            Tracing.deployment(GatewayService.NAME).setInstances(instances))
        .map(deployment -> () -> vertx.undeploy(deployment));
  }

  private static Future<Void> up(JsonObject report) {
    return "UP".equals(report.getString("status")) ? Future.succeededFuture()
        : Future.failedFuture(String.join(", ", report.getJsonObject("reasons", new JsonObject()).fieldNames())
            + " down");
  }
}
