package dev.prost.launcher;

import dev.prost.cart.CartConfig;
import dev.prost.cart.CartService;
import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.CatalogService;
import dev.prost.catalog.CatalogTopology;
import dev.prost.launcher.entry.EmbeddedEntry;
import dev.prost.orders.OrdersConfig;
import dev.prost.orders.OrdersService;
import dev.prost.orders.OrdersTopology;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.service.RunningService;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The one list of the services the launcher knows, in start order: what {@code run} starts,
 * what {@code migrate}, {@code info} and {@code rollback} act on, whose topology {@code
 * topology} and {@code dlq} read, which schemas {@code trace} searches, what the embedded
 * entry point and {@code prost balancer} route to. A new service is one line here.
 */
public final class Services {

  /**
   * A service with a schema.
   *
   * @param port its default HTTP port, when {@code PROST_<NAME>_PORT} is unset
   */
  public record Service(String name, int port, ServiceSchema schema, Topology topology,
      BiFunction<Vertx, Env, Future<RunningService>> starter) {}

  /** The services that own a schema, in start order. */
  public static final List<Service> ALL = List.of(
      new Service("users", 8081, UsersService.SCHEMA, UsersService.TOPOLOGY,
          (vertx, env) -> UsersService.start(vertx, UsersConfig.from(env))),
      new Service("catalog", 8082, CatalogService.SCHEMA, CatalogTopology.TOPOLOGY,
          (vertx, env) -> CatalogService.start(vertx, CatalogConfig.from(env))),
      new Service("cart", 8083, CartService.SCHEMA, CartTopology.TOPOLOGY,
          (vertx, env) -> CartService.start(vertx, CartConfig.from(env))),
      new Service("orders", 8084, OrdersService.SCHEMA, OrdersTopology.TOPOLOGY,
          (vertx, env) -> OrdersService.start(vertx, OrdersConfig.from(env))));

  /** The names of the services that own a schema: what {@code migrate}, {@code info} and {@code rollback} act on. */
  public static final List<String> NAMES = ALL.stream().map(Service::name).toList();

  private Services() {}

  /** Starts the service called {@code name}. */
  public static Future<RunningService> start(String name, Vertx vertx, Env env) {
    return named(name).starter().apply(vertx, env);
  }

  /**
   * Starts the public port in front of the services {@code started} in this process (every one
   * of them: a subset has no public port of Prost's, HAProxy fronts split services).
   */
  public static Future<RunningService> startEntry(Vertx vertx, Env env, List<RunningService> started) {
    return EmbeddedEntry.start(vertx, env, started);
  }

  /** The service called {@code name}. */
  public static Service named(String name) {
    return ALL.stream().filter(service -> service.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'"));
  }

  /** The schema-owning services named by {@code requested} ({@code all} or none: every one), in order. */
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
