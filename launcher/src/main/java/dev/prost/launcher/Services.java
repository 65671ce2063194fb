package dev.prost.launcher;

import dev.prost.cart.CartConfig;
import dev.prost.cart.CartService;
import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.CatalogService;
import dev.prost.orders.OrdersConfig;
import dev.prost.orders.OrdersService;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The services the launcher knows, by name, in start order. */
final class Services {

  static final List<String> NAMES = List.of("users", "catalog", "cart", "orders");

  private static final Map<String, BiFunction<Vertx, Env, Future<?>>> STARTERS = Map.of(
      "users", (vertx, env) -> UsersService.start(vertx, UsersConfig.from(env)),
      "catalog", (vertx, env) -> CatalogService.start(vertx, CatalogConfig.from(env)),
      "cart", (vertx, env) -> CartService.start(vertx, CartConfig.from(env)),
      "orders", (vertx, env) -> OrdersService.start(vertx, OrdersConfig.from(env)));

  private Services() {}

  static Future<?> start(String name, Vertx vertx, Env env) {
    return STARTERS.get(name).apply(vertx, env);
  }

  static DatabaseConfig database(String name, Env env) {
    return DatabaseConfig.from(env, name);
  }

  static List<String> expand(List<String> requested) {
    if (requested.isEmpty() || requested.contains("all")) {
      return NAMES;
    }
    for (String name : requested) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown service '" + name + "' (known: all, " + String.join(", ", NAMES) + ")");
      }
    }
    return NAMES.stream().filter(requested::contains).toList();
  }
}
