package dev.prost.launcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service answers which public path (DESIGN.md §7), in one table: the embedded entry
 * point and the HAProxy configuration route by it. A prefix {@code /api/cart} takes
 * {@code /api/cart} and everything under {@code /api/cart/}, but not {@code /api/carts}.
 */
public final class PublicRoutes {

  /** Path prefix → service. */
  public static final Map<String, String> ROUTES;

  static {
    Map<String, String> routes = new LinkedHashMap<>();
    routes.put("/api/users", "users");
    routes.put("/api/auth", "users");
    routes.put("/api/products", "catalog");
    routes.put("/api/categories", "catalog");
    routes.put("/api/cart", "cart");
    routes.put("/api/orders", "orders");
    routes.put("/api/ops", "orders");
    ROUTES = Collections.unmodifiableMap(routes);
  }

  private PublicRoutes() {}

  /** The services behind the public port, in route order. */
  public static List<String> services() {
    return List.copyOf(new LinkedHashSet<>(ROUTES.values()));
  }

  /** The service that answers {@code path}, if any. */
  public static Optional<String> serviceOf(String path) {
    for (Map.Entry<String, String> route : ROUTES.entrySet()) {
      String prefix = route.getKey();
      if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
        return Optional.of(route.getValue());
      }
    }
    return Optional.empty();
  }
}
