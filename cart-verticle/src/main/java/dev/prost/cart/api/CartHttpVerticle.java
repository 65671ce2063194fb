package dev.prost.cart.api;

import dev.prost.platform.http.ServiceRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The cart HTTP server; deployed once per event loop, all instances sharing the port. */
public final class CartHttpVerticle extends VerticleBase {

  private final ServiceRouter.Options routes;
  private final int port;

  public CartHttpVerticle(ServiceRouter.Options routes, int port) {
    this.routes = routes;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return ServiceRouter.create(vertx, routes)
        .compose(router -> vertx.createHttpServer().requestHandler(router).listen(port));
  }
}
