package dev.prost.catalog;

import dev.prost.platform.http.ServiceHttpVerticle;
import dev.prost.catalog.api.CatalogRoutes;
import dev.prost.catalog.cache.ProductCache;
import dev.prost.catalog.events.ReservationHandlers;
import dev.prost.catalog.events.ReservationSweeper;
import dev.prost.catalog.store.Categories;
import dev.prost.catalog.store.Products;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.SchemaInspector;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceMain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;

/**
 * Wires the catalog service: database (waited for, migrated), Redis product cache, the
 * orders-events consumer that reserves, sells and releases stock, the outbox relay, the
 * reservation sweeper, then the HTTP verticles.
 */
public final class CatalogService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(CatalogConfig.SERVICE);

  private CatalogService() {}

  public static Future<RunningService> start(Vertx vertx, CatalogConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Pool pool = ServicePool.create(vertx, config.db(), SCHEMA);
    RedisConnections redis = RedisConnections.create(vertx, config.redisUrl(), Duration.ofMillis(300));
    ProductCache cache = new ProductCache(vertx, redis, config.redisUrl(), config.messaging().namespace(),
        config.productCacheTtl(), config.productLocalTtl(), config.productLocalMax(), registry);
    Outbox outbox = Outbox.create(vertx, SCHEMA, EventCodec.create());
    StockListener invalidate = cache::invalidate;
    var handlers = ReservationHandlers.create(config.reservations(), outbox, invalidate);
    return DatabaseReadiness.awaitAndMigrate(vertx, pool, config.db(), SCHEMA)
        .compose(v -> ServiceMessaging.start(vertx, pool, SCHEMA, config.messaging(),
            CatalogTopology.TOPOLOGY, Map.of(CatalogTopology.CONSUMER, handlers),
            new MessagingMetrics(registry, CatalogConfig.SERVICE)))
        .compose(messaging -> vertx.deployVerticle(new ReservationSweeper(pool, config.reservations(), outbox,
            invalidate)).map(sweeper -> messaging))
        .compose(messaging -> {
          HealthChecks health = HealthChecks.builder()
              .add("database", () -> new SchemaInspector(pool, SCHEMA).health(Duration.ofSeconds(2)))
              .add("broker", messaging::health)
              .add("redis", redis::ping)
              .build();
          ProductWrites writes = new ProductWrites(pool, new Categories(), new Products(), outbox, cache);
          var routes = CatalogRoutes.of(config, pool, writes, cache, JwtVerifier.create(vertx, config.auth()),
              health, registry);
          return ServiceHttpVerticle.deploy(vertx, routes, config.port(), config.httpInstances())
              // consumers stop (in-flight events finish) before the pool closes
              .map(deployment -> (RunningService) () -> vertx.undeploy(deployment)
                  .eventually(messaging::stop)
                  .eventually(pool::close)
                  .eventually(() -> {
                    cache.close();
                    redis.close();
                    return Future.succeededFuture();
                  }));
        })
        .onFailure(e -> {
          cache.close();
          pool.close();
          redis.close();
        });
  }

  public static void main(String[] args) {
    ServiceMain.run(CatalogConfig.SERVICE, vertx -> start(vertx, CatalogConfig.from(Env.system())));
  }
}
