package dev.prost.platform.db;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a service's database is and how its pool behaves. Read once from the environment:
 * {@code PROST_DB_URL}, {@code PROST_DB_ADMIN_URL}, {@code PROST_<SERVICE>_DB_PASSWORD},
 * {@code PROST_DB_POOL_MAX_SIZE} (or {@code PROST_<SERVICE>_DB_POOL_MAX_SIZE}),
 * {@code PROST_DB_POOL_IDLE_TIMEOUT}, {@code PROST_DB_POOL_MAX_LIFETIME},
 * {@code PROST_DB_STARTUP_TIMEOUT}.
 *
 * @param password the service role's password, or null where the server trusts local connections
 */
public record DatabaseConfig(
    String host,
    int port,
    String database,
    String password,
    URI adminUrl,
    int poolMaxSize,
    Duration idleTimeout,
    Duration maxLifetime,
    Duration startupTimeout) {

  public static final String DEFAULT_URL = "postgresql://127.0.0.1:5432/prost";
  public static final String DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

  public static DatabaseConfig from(Env env, String service) {
    String prefix = "PROST_" + service.toUpperCase(Locale.ROOT) + "_";
    URI url = env.uri("PROST_DB_URL", DEFAULT_URL, "postgresql", "postgres");
    URI admin = env.uri("PROST_DB_ADMIN_URL", DEFAULT_ADMIN_URL, "postgresql", "postgres");
    String database = databaseOf("PROST_DB_URL", url);
    // the seed's 25 x 4 services exceeded max_connections=100; 10 each leaves room for tools
    int sharedMax = env.integer("PROST_DB_POOL_MAX_SIZE", 10, 1, 1000);
    return new DatabaseConfig(
        url.getHost(),
        url.getPort() == -1 ? 5432 : url.getPort(),
        database,
        env.optional(prefix + "DB_PASSWORD").orElse(null),
        admin,
        env.integer(prefix + "DB_POOL_MAX_SIZE", sharedMax, 1, 1000),
        env.duration("PROST_DB_POOL_IDLE_TIMEOUT", Duration.ofMinutes(10)),
        env.duration("PROST_DB_POOL_MAX_LIFETIME", Duration.ofMinutes(5)),
        env.duration("PROST_DB_STARTUP_TIMEOUT", Duration.ofSeconds(30)));
  }

  private static String databaseOf(String variable, URI url) {
    String path = url.getPath();
    if (path == null || path.length() < 2) {
      throw new ConfigException(variable, "'" + url + "' names no database (expected …/prost)");
    }
    return path.substring(1);
  }

  /** The same settings pointed at another database (tests give every class its own). */
  public DatabaseConfig withDatabase(String otherDatabase) {
    return new DatabaseConfig(host, port, otherDatabase, password, adminUrl, poolMaxSize,
        idleTimeout, maxLifetime, startupTimeout);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** JDBC URL of the admin connection, pointed at {@code targetDatabase}. */
  public String adminJdbcUrl(String targetDatabase) {
    int adminPort = adminUrl.getPort() == -1 ? 5432 : adminUrl.getPort();
    return "jdbc:postgresql://" + adminUrl.getHost() + ":" + adminPort + "/" + targetDatabase;
  }

  public String adminUser() {
    String info = adminUrl.getUserInfo();
    if (info == null || info.isEmpty()) {
      return "postgres";
    }
    int colon = info.indexOf(':');
    return colon < 0 ? info : info.substring(0, colon);
  }

  public String adminPassword() {
    String info = adminUrl.getUserInfo();
    int colon = info == null ? -1 : info.indexOf(':');
    return colon < 0 ? null : info.substring(colon + 1);
  }

  @Override
  public String toString() {
    // never print the password
    return "DatabaseConfig[" + host + ":" + port + "/" + database + ", pool=" + poolMaxSize + "]";
  }
}
