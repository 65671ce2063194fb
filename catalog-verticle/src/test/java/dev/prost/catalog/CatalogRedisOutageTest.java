package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.PrivateRedis;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Catalog reads without Redis")
class CatalogRedisOutageTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("with its Redis stopped, product reads fall back to PostgreSQL, and writes still show")
  void readsWithoutRedis(Vertx vertx) throws Exception {
    CatalogFixture catalog = null;
    // a Redis of the test's own, so stopping it touches nothing else on the machine
    PrivateRedis redis = PrivateRedis.start();
    try {
      catalog = new CatalogFixture(vertx, db, Map.of("PROST_REDIS_URL", redis.url().toString())).start();
      String category = catalog.createCategory("Outage " + UUID.randomUUID());
      String id = catalog.createProduct(category, "SKU-" + UUID.randomUUID().toString().substring(0, 8), "Vase", "",
          1000, 3).getString("id");
      assertThat(catalog.get("/api/products/" + id).statusCode()).isEqualTo(200);

      redis.stop();

      assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(1000L);
      assertThat(catalog.send("PATCH", "/api/products/" + id, catalog.adminToken,
          new JsonObject().put("price_cents", 800)).statusCode()).isEqualTo(200);
      assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(800L);
      assertThat(catalog.get("/metrics").bodyAsString()).contains("prost_cache_unavailable_total");
    } finally {
      if (catalog != null) {
        catalog.stop();
      }
      redis.close();
    }
  }
}
