package dev.prost.orders;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.service.ServiceMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** Wires the orders service: its pool and schema. Verticles arrive with the service's own issue. */
public final class OrdersService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(OrdersConfig.SERVICE);

  private OrdersService() {}

  /** Waits for the database, migrates the schema, and answers the service's pool. */
  public static Future<Pool> start(Vertx vertx, OrdersConfig config) {
    Pool pool = ServicePool.create(vertx, config.db(), SCHEMA);
    return DatabaseReadiness.awaitAndMigrate(vertx, pool, config.db(), SCHEMA)
        .map(version -> pool);
  }

  public static void main(String[] args) {
    ServiceMain.run(OrdersConfig.SERVICE, vertx -> start(vertx, OrdersConfig.from(Env.system())));
  }
}
