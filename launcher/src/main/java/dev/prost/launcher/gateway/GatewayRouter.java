package dev.prost.launcher.gateway;

import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.HttpErrors;
import dev.prost.platform.http.RequestIds;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's routes: every request gets an {@code X-Request-Id} and is timed; the
 * {@link GatewayRoutes} paths have their body read (up to the limit) and go to their
 * service; {@code /health/live}, {@code /health/ready} (every service's {@code /health/live}
 * answers) and {@code /metrics} are the gateway's own; anything else is a 404. Every error
 * is problem+json from the platform's error handler.
 */
final class GatewayRouter {

  private static final int[] ROUTER_ERRORS = {400, 404, 405, 413, 500};

  private GatewayRouter() {}

  static Router create(Vertx vertx, GatewayConfig config, HttpClient client, PrometheusMeterRegistry registry) {
    Map<String, Upstream> upstreams = new LinkedHashMap<>();
    HealthChecks.Builder health = HealthChecks.builder();
    for (String name : GatewayConfig.UPSTREAMS) {
      Upstream upstream = new Upstream(name, config.upstream(name), client, config.timeout());
      upstreams.put(name, upstream);
      health.add(name, upstream::live);
    }
    HealthChecks checks = health.build();

    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.route().handler(new GatewayMetrics(registry));
    // bodies are read whole before forwarding: a client trickling its body ties up no service connection
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
      router.route(route.pattern()).handler(body).handler(upstreams.get(route.upstream())::forward);
    }
    router.get("/health/live").handler(checks::live);
    router.get("/health/ready").handler(checks::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
    router.route().failureHandler(HttpErrors.failureHandler());
    for (int status : ROUTER_ERRORS) {
      router.errorHandler(status, HttpErrors.errorHandler(status));
    }
    return router;
  }
}
