package dev.prost.platform.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

/**
 * A service's HTTP server: its {@link ServiceRouter} on its port. Deployed once per event
 * loop ({@code PROST_HTTP_INSTANCES}); Vert.x spreads connections over the instances
 * sharing the port.
 */
public final class ServiceHttpVerticle extends VerticleBase {

  private final ServiceRouter.Options routes;
  private final int port;

  public ServiceHttpVerticle(ServiceRouter.Options routes, int port) {
    this.routes = routes;
    this.port = port;
  }

  /** Deploys {@code instances} servers sharing {@code port}; answers the deployment id. */
  public static Future<String> deploy(Vertx vertx, ServiceRouter.Options routes, int port, int instances) {
    return vertx.deployVerticle(() -> new ServiceHttpVerticle(routes, port), new DeploymentOptions().setInstances(instances));
  }

  @Override
  public Future<?> start() {
    return ServiceRouter.create(vertx, routes)
        .compose(router -> vertx.createHttpServer().requestHandler(router).listen(port));
  }
}
