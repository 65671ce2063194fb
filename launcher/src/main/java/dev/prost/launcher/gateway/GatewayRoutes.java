package dev.prost.launcher.gateway;

import dev.prost.launcher.PublicRoutes;
import java.util.List;

/**
 * Which service answers which public path: {@link PublicRoutes} as router patterns. A pattern
 * {@code /api/cart/*} takes {@code /api/cart} and everything under {@code /api/cart/}, but not
 * {@code /api/carts}; a path no pattern takes is a 404 from the gateway itself.
 */
final class GatewayRoutes {

  record Route(String pattern, String upstream) {}

  static final List<Route> ROUTES = PublicRoutes.ROUTES.entrySet().stream()
      .map(route -> new Route(route.getKey() + "/*", route.getValue()))
      .toList();

  private GatewayRoutes() {}
}
