package dev.prost.launcher;

import dev.prost.cart.CartConfig;
import dev.prost.cart.CartService;
import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.CatalogService;
import dev.prost.catalog.CatalogTopology;
import dev.prost.launcher.entry.EmbeddedEntry;
import dev.prost.launcher.gateway.GatewayConfig;
import dev.prost.launcher.gateway.GatewayService;
import dev.prost.orders.OrdersConfig;
import dev.prost.orders.OrdersService;
import dev.prost.orders.OrdersTopology;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.service.RunningService;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The one list of the services the launcher knows, in start order: what {@code run} starts,
 * what {@code migrate}, {@code info} and {@code rollback} act on, whose topology {@code
 * topology} and {@code dlq} read, which schemas {@code trace} searches, what the gateway
 * routes to. A new service is one line here.
 */
public final class Services {

  /**
   * A service with a schema.
   *
   * @param port its default HTTP port, what the gateway forwards to when {@code PROST_<NAME>_PORT} is unset
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

  /** The gateway: runnable, started after the services, owns no schema. */
  static final String GATEWAY = "gateway";

  /** The names of the services that own a schema: what {@code migrate}, {@code info} and {@code rollback} act on. */
  public static final List<String> NAMES = ALL.stream().map(Service::name).toList();
  /** What {@code run} can start: the services, then the gateway in front of them. */
  static final List<String> RUNNABLE = Stream.concat(NAMES.stream(), Stream.of(GATEWAY)).toList();

  private Services() {}

  static Future<RunningService> start(String name, Vertx vertx, Env env) {
    return start(name, vertx, env, List.of());
  }

  /**
   * Starts {@code name} after the services {@code started} in this process. The gateway, when
   * every service runs in this process, is the embedded entry point: one router, no HTTP hop;
   * otherwise it is the proxy to the services' URLs.
   */
  public static Future<RunningService> start(String name, Vertx vertx, Env env, List<RunningService> started) {
    if (!name.equals(GATEWAY)) {
      return named(name).starter().apply(vertx, env);
    }
    GatewayConfig config = GatewayConfig.from(env);
    Map<String, ServiceRouter.Options> local = new LinkedHashMap<>();
    started.forEach(service -> service.routes().ifPresent(routes -> local.put(routes.service(), routes)));
    return local.keySet().containsAll(NAMES)
        ? EmbeddedEntry.start(vertx, local, config.port(), config.httpInstances())
        : GatewayService.start(vertx, config);
  }

  /** The service called {@code name}. */
  public static Service named(String name) {
    return ALL.stream().filter(service -> service.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'"));
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
