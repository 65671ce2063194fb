package dev.prost.launcher.gateway;

import java.util.List;

/**
 * Which service answers which public path (DESIGN.md §7), in one table. A pattern
 * {@code /api/cart/*} takes {@code /api/cart} and everything under {@code /api/cart/}, but
 * not {@code /api/carts}; a path no pattern takes is a 404 from the gateway itself.
 */
final class GatewayRoutes {

  record Route(String pattern, String upstream) {}

  static final List<Route> ROUTES = List.of(
      new Route("/api/users/*", "users"),
      new Route("/api/auth/*", "users"),
      new Route("/api/products/*", "catalog"),
      new Route("/api/categories/*", "catalog"),
      new Route("/api/cart/*", "cart"),
      new Route("/api/orders/*", "orders"),
      new Route("/api/ops/*", "orders"));

  private GatewayRoutes() {}
}
