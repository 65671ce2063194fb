package dev.prost.catalog;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.http.HttpSettings;
import dev.prost.platform.http.admission.AdmissionSettings;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.messaging.MessagingConfig;
import java.net.URI;
import java.time.Duration;

/**
 * Everything the catalog service reads from the environment, once, at start.
 *
 * @param port {@code PROST_CATALOG_PORT} (8082)
 * @param httpInstances {@code PROST_HTTP_INSTANCES} (one per core)
 * @param maxBodyBytes {@code PROST_HTTP_MAX_BODY_BYTES} (1 MiB)
 * @param admission {@code PROST_ADMISSION*}: the concurrency limits past which requests are refused
 * @param redisUrl {@code PROST_REDIS_URL}
 * @param productCacheTtl {@code PROST_PRODUCT_CACHE_TTL} (30s): bounds how long a read that
 *     raced a write can serve the older product
 * @param productLocalTtl {@code PROST_PRODUCT_LOCAL_TTL} (2s): the most a product can stay in
 *     one instance's in-process cache after a pub/sub invalidation went missing
 * @param productLocalMax {@code PROST_PRODUCT_LOCAL_MAX} (10000): products kept in process
 * @param productListTtl {@code PROST_PRODUCT_LIST_TTL} (1s): how long a list or search page is
 *     answered from process memory (0s: never)
 * @param reservations {@code PROST_RESERVATION_TTL} (10m), {@code PROST_RESERVATION_SWEEP_INTERVAL}
 *     (30s), {@code PROST_RESERVATION_SWEEP_BATCH} (100)
 */
public record CatalogConfig(
    int port,
    int httpInstances,
    long maxBodyBytes,
    AdmissionSettings admission,
    DatabaseConfig db,
    MessagingConfig messaging,
    AuthConfig auth,
    URI redisUrl,
    Duration productCacheTtl,
    Duration productLocalTtl,
    int productLocalMax,
    Duration productListTtl,
    ReservationConfig reservations) {

  public static final String SERVICE = "catalog";

  public static CatalogConfig from(Env env) {
    return new CatalogConfig(
        env.port("PROST_CATALOG_PORT", 8082),
        HttpSettings.instances(env),
        HttpSettings.maxBodyBytes(env),
        AdmissionSettings.from(env),
        DatabaseConfig.from(env, SERVICE),
        // reservations lock hot product rows: a group locks the union of its rows first, in id
        // order (ReservationHandlers.lockGroup), so catalog groups like the other services
        MessagingConfig.from(env).withConsumers(env, SERVICE, 32, 4),
        AuthConfig.from(env),
        RedisConnections.url(env),
        env.duration("PROST_PRODUCT_CACHE_TTL", Duration.ofSeconds(30)),
        env.duration("PROST_PRODUCT_LOCAL_TTL", Duration.ofSeconds(2)),
        env.integer("PROST_PRODUCT_LOCAL_MAX", 10_000, 0, 10_000_000),
        env.durationOrZero("PROST_PRODUCT_LIST_TTL", Duration.ofSeconds(1)),
        ReservationConfig.from(env));
  }
}
