package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("In-process product cache at its size limit")
class CatalogLocalCacheBoundTest {

  private static final int LIMIT = 3;

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("past the limit it evicts and keeps caching new products, instead of refusing them")
  void evictsInsteadOfRefusing(Vertx vertx) {
    CatalogFixture catalog = new CatalogFixture(vertx, db,
        Map.of("PROST_PRODUCT_LOCAL_MAX", Integer.toString(LIMIT), "PROST_PRODUCT_LOCAL_TTL", "1h")).start();
    try {
      String category = catalog.createCategory("Bound " + UUID.randomUUID());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 2 * LIMIT; i++) {
        ids.add(catalog.createProduct(category, "SKU-" + UUID.randomUUID().toString().substring(0, 8),
            "Cup " + i, "", 100 + i, 5).getString("id"));
      }
      // the first read only proves the invalidation subscription is up (copies are kept only then)
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        catalog.get("/api/products/" + ids.get(0));
        return metric(catalog, "prost_cache_local_entries") >= 1;
      });
      ids.forEach(id -> assertThat(catalog.get("/api/products/" + id).statusCode()).isEqualTo(200));
      await().atMost(Duration.ofSeconds(5)).until(() -> metric(catalog, "prost_cache_local_entries") == LIMIT);
      assertThat(metric(catalog, "cache_evictions_total{cache=\"product-local\"")).isGreaterThanOrEqualTo(LIMIT);

      double localHits = localHits(catalog);
      String newest = ids.get(ids.size() - 1);
      assertThat(catalog.get("/api/products/" + newest).bodyAsJsonObject().getString("id")).isEqualTo(newest);
      assertThat(localHits(catalog)).as("the product read last is served from the process")
          .isEqualTo(localHits + 1);
    } finally {
      catalog.stop();
    }
  }

  private static double localHits(CatalogFixture catalog) {
    return metric(catalog, "cache_gets_total{cache=\"product-local\",result=\"hit\"");
  }

  /** The first sample whose name (and leading labels) start with {@code prefix}; -1 when none. */
  private static double metric(CatalogFixture catalog, String prefix) {
    return catalog.get("/metrics").bodyAsString().lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst().orElse(-1);
  }
}
