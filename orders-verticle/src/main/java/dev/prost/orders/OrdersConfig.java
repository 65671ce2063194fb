package dev.prost.orders;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;

/**
 * Everything the orders service reads from the environment, read once at start and passed
 * to constructors. {@code PROST_ORDERS_PORT} (default 8084) plus the shared database settings.
 */
public record OrdersConfig(int port, DatabaseConfig db) {

  public static final String SERVICE = "orders";

  public static OrdersConfig from(Env env) {
    return new OrdersConfig(env.port("PROST_ORDERS_PORT", 8084), DatabaseConfig.from(env, SERVICE));
  }
}
