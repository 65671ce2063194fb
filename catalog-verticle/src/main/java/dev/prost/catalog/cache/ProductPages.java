package dev.prost.catalog.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.prost.catalog.domain.ProductFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers of {@code GET /api/products} (list and search pages) kept in process for a short
 * time ({@code PROST_PRODUCT_LIST_TTL}, 1 s), keyed by the whole query. Browsing asks for the
 * same few pages over and over, and each answer costs two queries; a page may show prices and
 * stock up to that long old, which checkout never relies on (it reserves against the rows). A
 * product written through this instance drops every page at once; one written elsewhere shows
 * once the pages expire. A TTL of 0 turns the cache off.
 */
public final class ProductPages {

  private final Cache<ProductFilter, String> pages;
  private final boolean enabled;
  // bumped by every invalidation: a load begun before one must not keep what it read
  private final AtomicLong generation = new AtomicLong();

  public ProductPages(Duration ttl, int max, MeterRegistry registry) {
    this.enabled = !ttl.isZero() && max > 0;
    this.pages = Caffeine.newBuilder().maximumSize(max).expireAfterWrite(ttl).recordStats().build();
    // cache_gets_total{cache="product-pages"}, cache_evictions_total, ...
    CaffeineCacheMetrics.monitor(registry, pages, "product-pages");
  }

  /** The page's JSON text, kept or {@code load}ed (then kept). */
  public Future<String> get(ProductFilter filter, Supplier<Future<String>> load) {
    if (!enabled) {
      return load.get();
    }
    String kept = pages.getIfPresent(filter);
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    long loadedIn = generation.get();
    return load.get().onSuccess(page -> {
      if (generation.get() == loadedIn) {
        pages.put(filter, page);
      }
    });
  }

  /** Call after a product write committed here: no page shows the product as it was. */
  public void invalidateAll() {
    generation.incrementAndGet();
    pages.invalidateAll();
  }
}
