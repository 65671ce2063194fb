package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Product cache across two catalog instances")
class CatalogCacheAcrossInstancesTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a write through one instance evicts the other's in-process copy at once, not after its TTL")
  void invalidationReachesTheOtherInstance(Vertx vertx) {
    // local copies would live an hour: only the pub/sub invalidation can make B see the write
    CatalogFixture a = new CatalogFixture(vertx, db, Map.of("PROST_PRODUCT_LOCAL_TTL", "1h")).start();
    Map<String, String> sameNamespace = new HashMap<>(Map.of("PROST_PRODUCT_LOCAL_TTL", "1h"));
    sameNamespace.put("PROST_NAMESPACE", a.namespace);
    CatalogFixture b = new CatalogFixture(vertx, db, sameNamespace).start();
    try {
      String category = a.createCategory("Shared " + UUID.randomUUID());
      String id = a.createProduct(category, "SKU-" + UUID.randomUUID().toString().substring(0, 8), "Bell", "", 700, 4)
          .getString("id");
      for (int i = 0; i < 3; i++) {
        assertThat(b.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(700L);
      }
      assertThat(localEntries(b)).as("B holds the product in process").isEqualTo(1.0);

      a.send("PATCH", "/api/products/" + id, a.adminToken, new JsonObject().put("price_cents", 650));

      assertThat(a.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(650L);
      await().atMost(Duration.ofSeconds(5)).until(() -> localEntries(b) == 0.0);
      assertThat(b.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(650L);
    } finally {
      b.stop();
      a.stop();
    }
  }

  static double localEntries(CatalogFixture instance) {
    return instance.get("/metrics").bodyAsString().lines()
        .filter(line -> line.startsWith("prost_cache_local_entries"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst().orElse(-1);
  }
}
