package dev.prost.cart;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;

/**
 * Everything the cart service reads from the environment, read once at start and passed
 * to constructors. {@code PROST_CART_PORT} (default 8083) plus the shared database settings.
 */
public record CartConfig(int port, DatabaseConfig db) {

  public static final String SERVICE = "cart";

  public static CartConfig from(Env env) {
    return new CartConfig(env.port("PROST_CART_PORT", 8083), DatabaseConfig.from(env, SERVICE));
  }
}
