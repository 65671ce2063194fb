package dev.prost.catalog;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.service.ServiceMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** Wires the catalog service: its pool and schema. Verticles arrive with the service's own issue. */
public final class CatalogService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(CatalogConfig.SERVICE);

  private CatalogService() {}

  /** Waits for the database, migrates the schema, and answers the service's pool. */
  public static Future<Pool> start(Vertx vertx, CatalogConfig config) {
    Pool pool = ServicePool.create(vertx, config.db(), SCHEMA);
    return DatabaseReadiness.await(vertx, pool, config.db(), SCHEMA)
        .compose(v -> Migrations.create(vertx, config.db(), SCHEMA).migrate())
        .map(version -> pool);
  }

  public static void main(String[] args) {
    ServiceMain.run(CatalogConfig.SERVICE, vertx -> start(vertx, CatalogConfig.from(Env.system())));
  }
}
