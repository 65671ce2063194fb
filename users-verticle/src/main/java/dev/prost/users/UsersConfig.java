package dev.prost.users;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;

/**
 * Everything the users service reads from the environment, read once at start and passed
 * to constructors. {@code PROST_USERS_PORT} (default 8081) plus the shared database settings.
 */
public record UsersConfig(int port, DatabaseConfig db) {

  public static final String SERVICE = "users";

  public static UsersConfig from(Env env) {
    return new UsersConfig(env.port("PROST_USERS_PORT", 8081), DatabaseConfig.from(env, SERVICE));
  }
}
