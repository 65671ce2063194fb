package dev.prost.catalog;

import dev.prost.catalog.api.CatalogRoutes;
import dev.prost.catalog.cache.ProductCache;
import dev.prost.catalog.cache.ProductPages;
import dev.prost.catalog.events.ReservationHandlers;
import dev.prost.catalog.events.ReservationSweeper;
import dev.prost.catalog.store.Categories;
import dev.prost.catalog.store.Products;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceBuilder;
import dev.prost.platform.service.ServiceMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;

/**
 * The catalog service: its schema, the Redis product cache, the orders-events consumer that
 * reserves, sells and releases stock, the reservation sweeper and the routes.
 * {@link ServiceBuilder} starts and stops them in order (the sweeper stops before the pool closes).
 */
public final class CatalogService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(CatalogConfig.SERVICE);
  /** List and search pages kept at once (distinct queries; the least used go first). */
  private static final int PAGES_KEPT = 1_000;

  private CatalogService() {}

  public static Future<RunningService> start(Vertx vertx, CatalogConfig config) {
    ServiceBuilder service = ServiceBuilder.create(vertx, config.db(), SCHEMA);
    Pool pool = service.pool();
    RedisConnections redis = RedisConnections.create(vertx, config.redisUrl(), Duration.ofMillis(300));
    ProductCache cache = new ProductCache(vertx, redis, config.redisUrl(), config.messaging().namespace(),
        config.productCacheTtl(), config.productLocalTtl(), config.productLocalMax(), service.registry());
    Outbox outbox = Outbox.create(vertx, SCHEMA, EventCodec.create());
    StockListener invalidate = cache::invalidate;
    var handlers = ReservationHandlers.create(config.reservations(), outbox, invalidate);
    ProductPages pages = new ProductPages(config.productListTtl(), PAGES_KEPT, service.registry());
    ProductWrites writes = new ProductWrites(pool, new Categories(), new Products(), outbox, cache, pages);
    return service
        .messaging(config.messaging(), CatalogTopology.TOPOLOGY, Map.of(CatalogTopology.CONSUMER, handlers))
        .sweeper(new ReservationSweeper(pool, config.reservations(), outbox, invalidate))
        .redis(redis)
        .closing(cache::close)
        .http(config.port(), config.httpInstances(), health -> CatalogRoutes.of(config, pool, writes, cache, pages,
            JwtVerifier.create(vertx, config.auth()), health, service.registry()))
        .start();
  }

  public static void main(String[] args) {
    ServiceMain.run(CatalogConfig.SERVICE, vertx -> start(vertx, CatalogConfig.from(Env.system())));
  }
}
