package dev.prost.launcher.entry;

import dev.prost.launcher.PublicRoutes;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.HttpErrors;
import dev.prost.platform.http.ServiceHttpVerticle;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.metrics.ProcessMetrics;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The public port of an embedded deployment: every service's own router, built from its
 * contract exactly as its own port serves it, and each request handed to the router of the
 * service its path belongs to ({@link PublicRoutes}). A request is parsed once, then
 * authenticated, validated and handled in place: no HTTP hop inside the process. Paths no
 * service answers get a problem+json 404; {@code /health/live}, {@code /health/ready} (every
 * service ready) and {@code /metrics} (the process's, every service's meters) are the entry point's own.
 */
final class EntryVerticle extends VerticleBase {

  private final Map<String, ServiceRouter.Options> services;
  private final HealthChecks health;
  private final int port;
  private HttpServer server;

  EntryVerticle(Map<String, ServiceRouter.Options> services, HealthChecks health, int port) {
    this.services = services;
    this.health = health;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Map<String, Router> routers = new HashMap<>();
    List<Future<Router>> built = new ArrayList<>();
    services.forEach((name, options) -> built.add(ServiceRouter.create(vertx, options)
        .onSuccess(router -> routers.put(name, router))));
    Router own = ownRouter();
    return Future.all(built)
        .compose(v -> vertx.createHttpServer()
            .invalidRequestHandler(HttpErrors.invalidRequestHandler())
            .requestHandler(request -> route(request, routers, own))
            .listen(port))
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "the entry point cannot listen on port " + port + ": " + e.getMessage(), e)))
        .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(ServiceHttpVerticle.GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void route(HttpServerRequest request, Map<String, Router> routers, Router own) {
    Optional<String> service = PublicRoutes.serviceOf(request.path());
    // the request's context works for that service now: its SQL spans are the service's
    service.ifPresent(Tracing::markService);
    service.map(routers::get).orElse(own).handle(request);
  }

  /** Health of the whole process, and a problem+json 404 for every path no service answers. */
  private Router ownRouter() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    // the process registry holds every service's meters, each tagged with its service
    ProcessMetrics.registryOf(vertx).ifPresent(registry -> router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, ServiceRouter.METRICS_CONTENT_TYPE).end(registry.scrape())));
    router.route().failureHandler(HttpErrors.failureHandler());
    for (int status : new int[] {400, 404, 405, 500}) {
      router.errorHandler(status, HttpErrors.errorHandler(status));
    }
    return router;
  }
}
