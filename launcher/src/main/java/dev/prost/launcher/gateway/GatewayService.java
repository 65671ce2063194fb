package dev.prost.launcher.gateway;

import dev.prost.platform.service.RunningService;
import dev.prost.platform.metrics.ProcessMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP entry point on 8080: routes {@code /api/*} to the four services (DESIGN.md §7).
 * It holds no business logic and no state; the services behind it need not be up when it
 * starts, its readiness says whether they are.
 */
public final class GatewayService {

  private static final Logger log = LoggerFactory.getLogger(GatewayService.class);

  /** The gateway's name: what {@code run} calls it, and its spans' {@code service.name}. */
  public static final String NAME = "gateway";

  private GatewayService() {}

  public static Future<RunningService> start(Vertx vertx, GatewayConfig config) {
    PrometheusMeterRegistry registry = ProcessMetrics.registryOf(vertx)
        .orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    ProcessMetrics.nameServer(vertx, config.port(), "gateway");
    return vertx.deployVerticle(() -> new GatewayVerticle(config, registry),
            Tracing.deployment(NAME).setInstances(config.httpInstances()))
        .onSuccess(id -> log.info("gateway on port {}: {}", config.port(), config.upstreams()))
        .map(id -> () -> vertx.undeploy(id));
  }
}
