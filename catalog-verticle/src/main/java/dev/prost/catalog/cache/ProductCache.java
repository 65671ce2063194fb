package dev.prost.catalog.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.prost.platform.redis.RedisConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache-aside for {@code GET /api/products/{id}}, in two levels: a bounded in-process
 * Caffeine cache ({@code PROST_PRODUCT_LOCAL_MAX} entries, least useful evicted first) in
 * front of Redis ({@code <ns>:product:<id>}, with a TTL). A committed write deletes the
 * product from this instance's cache and from Redis, then announces it on Redis pub/sub so
 * every other instance drops its copy too; an instance only serves from its cache while it
 * is subscribed, and a local copy lives at most {@code PROST_PRODUCT_LOCAL_TTL}. Redis is
 * never in the way: when it fails or is slow the read goes to PostgreSQL, counted in
 * {@code prost.cache.unavailable}.
 */
public final class ProductCache {

  private static final Logger log = LoggerFactory.getLogger(ProductCache.class);

  private final RedisConnections redis;
  private final String prefix;
  private final Duration ttl;
  private final Cache<UUID, String> local;
  private final ProductInvalidations invalidations;
  private final Counter hits;
  private final Counter misses;
  private final Counter unavailable;

  public ProductCache(Vertx vertx, RedisConnections redis, URI redisUrl, String namespace, Duration ttl,
      Duration localTtl, int localMax, MeterRegistry registry) {
    this.redis = redis;
    this.prefix = namespace + ":product:";
    this.ttl = ttl;
    // full: the least useful entry makes room, so a hot product read late is still kept
    this.local = Caffeine.newBuilder()
        .maximumSize(localMax)
        .expireAfterWrite(localTtl)
        .recordStats()
        .build();
    this.invalidations = new ProductInvalidations(vertx, redisUrl, namespace + ":product-invalidations",
        // the changed products go; everything goes when the subscription is lost
        changed -> local.invalidateAll(changed), () -> local.invalidateAll());
    invalidations.start();
    registry.gauge("prost.cache.local.entries", Tags.of("cache", "product"), local, Cache::estimatedSize);
    // cache_gets_total{cache="product-local"}, cache_evictions_total, ...: hits of this level alone
    CaffeineCacheMetrics.monitor(registry, local, "product-local");
    this.hits = registry.counter("prost.cache.hits", "cache", "product");
    this.misses = registry.counter("prost.cache.misses", "cache", "product");
    this.unavailable = registry.counter("prost.cache.unavailable", "cache", "product");
  }

  /**
   * The cached JSON text, or {@code load}'s answer (then cached); empty when there is no
   * such product. Text, not a parsed object: a hit is answered with the stored bytes as they are.
   */
  public Future<Optional<String>> get(UUID id, Supplier<Future<Optional<String>>> load) {
    String key = prefix + id;
    String copy = invalidations.live() ? local.getIfPresent(id) : null;
    if (copy != null) {
      hits.increment();
      return Future.succeededFuture(Optional.of(copy));
    }
    return redis.withTimeout(redis.api().get(key))
        .map(value -> value == null ? null : value.toString())
        .recover(e -> {
          unavailable.increment();
          log.debug("product cache unavailable, reading PostgreSQL: {}", e.getMessage());
          return Future.succeededFuture(null);
        })
        .compose(cached -> {
          if (cached != null) {
            hits.increment();
            keepLocally(id, cached);
            return Future.succeededFuture(Optional.of(cached));
          }
          misses.increment();
          return load.get().onSuccess(found -> found.ifPresent(json -> {
            put(key, json);
            keepLocally(id, json);
          }));
        });
  }

  /**
   * Call after the write committed, once for all the products it changed: the keys go in one
   * DEL and the announcement names them all, both written in one round trip (DEL first, so an
   * instance that drops its copy on the announcement cannot read the old one back from Redis).
   * A failure only shortens nothing (the TTL still bounds staleness).
   */
  public Future<Void> invalidate(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    local.invalidateAll(ids);
    Request del = Request.cmd(Command.DEL);
    ids.forEach(id -> del.arg(prefix + id));
    Request publish = Request.cmd(Command.PUBLISH).arg(invalidations.channel())
        .arg(ProductInvalidations.announcement(ids));
    return redis.withTimeout(redis.batch(List.of(del, publish))).<Void>mapEmpty().recover(e -> {
      unavailable.increment();
      log.warn("could not invalidate {} cached products: {}", ids.size(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  public void close() {
    invalidations.close();
  }

  private void keepLocally(UUID id, String json) {
    if (invalidations.live()) {
      local.put(id, json);
    }
  }

  private void put(String key, String json) {
    redis.withTimeout(redis.api().set(List.of(key, json, "PX", Long.toString(ttl.toMillis()))))
        .onFailure(e -> unavailable.increment());
  }
}
