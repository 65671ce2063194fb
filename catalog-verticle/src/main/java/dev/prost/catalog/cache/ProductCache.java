package dev.prost.catalog.cache;

import dev.prost.platform.redis.RedisConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache-aside for {@code GET /api/products/{id}}: the product's JSON under
 * {@code <ns>:product:<id>} with a TTL, deleted after every committed write. Redis is never
 * in the way: when it fails or is slow the read goes to PostgreSQL, counted in
 * {@code prost.cache.unavailable}.
 */
public final class ProductCache {

  private static final Logger log = LoggerFactory.getLogger(ProductCache.class);

  private final RedisConnections redis;
  private final String prefix;
  private final Duration ttl;
  private final Counter hits;
  private final Counter misses;
  private final Counter unavailable;

  public ProductCache(RedisConnections redis, String namespace, Duration ttl, MeterRegistry registry) {
    this.redis = redis;
    this.prefix = namespace + ":product:";
    this.ttl = ttl;
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
            return Future.succeededFuture(Optional.of(cached));
          }
          misses.increment();
          return load.get().onSuccess(found -> found.ifPresent(json -> put(key, json)));
        });
  }

  /** Call after the write committed; a failure only shortens nothing (the TTL still bounds staleness). */
  public Future<Void> invalidate(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> keys = ids.stream().map(id -> prefix + id).toList();
    return redis.withTimeout(redis.api().del(keys)).<Void>mapEmpty().recover(e -> {
      unavailable.increment();
      log.warn("could not invalidate {} cached products: {}", keys.size(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  private void put(String key, String json) {
    redis.withTimeout(redis.api().set(List.of(key, json, "PX", Long.toString(ttl.toMillis()))))
        .onFailure(e -> unavailable.increment());
  }
}
