package dev.prost.launcher;

import dev.prost.cart.CartConfig;
import dev.prost.cart.CartService;
import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.CatalogService;
import dev.prost.launcher.gateway.GatewayConfig;
import dev.prost.launcher.gateway.GatewayService;
import dev.prost.orders.OrdersConfig;
import dev.prost.orders.OrdersService;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import dev.prost.platform.service.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The services the launcher knows, by name, in start order. */
final class Services {

  /** The services that own a schema: what {@code migrate}, {@code info} and {@code rollback} act on. */
  static final List<String> NAMES = List.of("users", "catalog", "cart", "orders");
  /** What {@code run} can start: the services, then the gateway in front of them. */
  static final List<String> RUNNABLE = List.of("users", "catalog", "cart", "orders", "gateway");

  private static final Map<String, BiFunction<Vertx, Env, Future<RunningService>>> STARTERS = Map.of(
      "users", (vertx, env) -> UsersService.start(vertx, UsersConfig.from(env)),
      "catalog", (vertx, env) -> CatalogService.start(vertx, CatalogConfig.from(env)),
      "cart", (vertx, env) -> CartService.start(vertx, CartConfig.from(env)),
      "orders", (vertx, env) -> OrdersService.start(vertx, OrdersConfig.from(env)),
      "gateway", (vertx, env) -> GatewayService.start(vertx, GatewayConfig.from(env)));

  private Services() {}

  static Future<RunningService> start(String name, Vertx vertx, Env env) {
    return STARTERS.get(name).apply(vertx, env);
  }

  static DatabaseConfig database(String name, Env env) {
    return DatabaseConfig.from(env, name);
  }

  /** The schema-owning services named by {@code requested} ({@code all} or none: every one), in order. */
  static List<String> expand(List<String> requested) {
    return expand(requested, NAMES);
  }

  /** What {@code run} starts for {@code requested} ({@code all} or none: everything, gateway last). */
  static List<String> expandRunnable(List<String> requested) {
    return expand(requested, RUNNABLE);
  }

  private static List<String> expand(List<String> requested, List<String> known) {
    if (requested.isEmpty() || requested.contains("all")) {
      return known;
    }
    for (String name : requested) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown service '" + name + "' (known: all, " + String.join(", ", known) + ")");
      }
    }
    return known.stream().filter(requested::contains).toList();
  }
}
