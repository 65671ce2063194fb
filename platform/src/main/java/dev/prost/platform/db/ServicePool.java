package dev.prost.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds the one reactive pool a service shares between its verticles. */
public final class ServicePool {

  private ServicePool() {}

  public static Pool create(Vertx vertx, DatabaseConfig config, ServiceSchema schema) {
    return PgBuilder.pool()
        .with(poolOptions(config, schema))
        .connectingTo(connectOptions(config, schema))
        .using(vertx)
        .build();
  }

  public static PgConnectOptions connectOptions(DatabaseConfig config, ServiceSchema schema) {
    Map<String, String> properties = new HashMap<>(PgConnectOptions.DEFAULT_PROPERTIES);
    // sent in the startup packet: unqualified table names resolve to the service's own schema
    properties.put("search_path", schema.schema());
    properties.put("application_name", "prost-" + schema.service());
    PgConnectOptions options = new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(schema.role())
        .setProperties(properties)
        // parse and plan each statement once per connection, not on every execution: PostgreSQL
        // is the largest CPU user of a checkout (pgbench here: +32 % TPC-B with -M prepared)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256);
    if (config.password() != null) {
      options.setPassword(config.password());
    }
    return options;
  }

  private static PoolOptions poolOptions(DatabaseConfig config, ServiceSchema schema) {
    return new PoolOptions()
        .setName("prost-" + schema.service())
        .setMaxSize(config.poolMaxSize())
        .setIdleTimeout((int) config.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxLifetime((int) config.maxLifetime().toSeconds())
        .setMaxLifetimeUnit(TimeUnit.SECONDS)
        .setPoolCleanerPeriod(1000);
  }
}
