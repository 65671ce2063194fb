package dev.prost.platform.http;

import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A service's HTTP server: its {@link ServiceRouter} on its port. Deployed once per event
 * loop ({@code PROST_HTTP_INSTANCES}); Vert.x spreads connections over the instances
 * sharing the port.
 */
public final class ServiceHttpVerticle extends VerticleBase {

  /** How long a stopping server lets requests in progress finish; new connections are refused at once. */
  public static final Duration GRACE = Duration.ofSeconds(10);

  private final ServiceRouter.Options routes;
  private final int port;
  private HttpServer server;

  public ServiceHttpVerticle(ServiceRouter.Options routes, int port) {
    this.routes = routes;
    this.port = port;
  }

  /** Deploys {@code instances} servers sharing {@code port}; answers the deployment id. */
  public static Future<String> deploy(Vertx vertx, ServiceRouter.Options routes, int port, int instances) {
    return vertx.deployVerticle(() -> new ServiceHttpVerticle(routes, port), Tracing.deployment(routes.service())
        .setInstances(instances));
  }

  @Override
  public Future<?> start() {
    return ServiceRouter.create(vertx, routes)
        .compose(router -> vertx.createHttpServer()
            .invalidRequestHandler(HttpErrors.invalidRequestHandler())
            .requestHandler(router)
            .listen(port))
        .recover(e -> Future.failedFuture(new IllegalStateException(
            routes.service() + " cannot listen on port " + port + ": " + e.getMessage(), e)))
        .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
