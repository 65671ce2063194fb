package dev.prost.catalog;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;

/**
 * Everything the catalog service reads from the environment, read once at start and passed
 * to constructors. {@code PROST_CATALOG_PORT} (default 8082) plus the shared database settings.
 */
public record CatalogConfig(int port, DatabaseConfig db) {

  public static final String SERVICE = "catalog";

  public static CatalogConfig from(Env env) {
    return new CatalogConfig(env.port("PROST_CATALOG_PORT", 8082), DatabaseConfig.from(env, SERVICE));
  }
}
