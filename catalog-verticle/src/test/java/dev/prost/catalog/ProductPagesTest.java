package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;

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
@DisplayName("List and search pages kept in process")
class ProductPagesTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a page is answered from memory while kept; a product written through this instance shows at once")
  void keptUntilWrittenHere(Vertx vertx) {
    CatalogFixture catalog = new CatalogFixture(vertx, db, Map.of("PROST_PRODUCT_LIST_TTL", "1h")).start();
    try {
      String category = catalog.createCategory("Pages " + UUID.randomUUID());
      String kettle = catalog.createProduct(category, sku(), "Kettle", "", 100, 5).getString("id");
      String page = "/api/products?category_id=" + category;
      assertThat(priceOf(catalog, page, kettle)).isEqualTo(100);

      // written behind this instance's back, as another instance would: the kept page answers
      catalog.sql("UPDATE products SET price_cents = 999 WHERE id = '" + kettle + "'");
      assertThat(priceOf(catalog, page, kettle)).isEqualTo(100);
      assertThat(catalog.get("/api/products?q=Kettle&category_id=" + category).bodyAsJsonObject()
          .getJsonArray("items").getJsonObject(0).getLong("price_cents")).as("another query reads afresh").isEqualTo(999);

      // a write through this instance drops every kept page
      catalog.createProduct(category, sku(), "Teapot", "", 300, 5);
      JsonObject after = catalog.get(page).bodyAsJsonObject();
      assertThat(after.getJsonArray("items")).hasSize(2);
      assertThat(priceOf(catalog, page, kettle)).isEqualTo(999);
    } finally {
      catalog.stop();
    }
  }

  @Test
  @DisplayName("with a TTL of 0 every page is read from the database")
  void offWithZeroTtl(Vertx vertx) {
    CatalogFixture catalog = new CatalogFixture(vertx, db, Map.of("PROST_PRODUCT_LIST_TTL", "0s")).start();
    try {
      String category = catalog.createCategory("Unkept " + UUID.randomUUID());
      String cup = catalog.createProduct(category, sku(), "Cup", "", 100, 5).getString("id");
      String page = "/api/products?category_id=" + category;
      assertThat(priceOf(catalog, page, cup)).isEqualTo(100);

      catalog.sql("UPDATE products SET price_cents = 250 WHERE id = '" + cup + "'");
      assertThat(priceOf(catalog, page, cup)).isEqualTo(250);
    } finally {
      catalog.stop();
    }
  }

  private static long priceOf(CatalogFixture catalog, String page, String id) {
    var items = catalog.get(page).bodyAsJsonObject().getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      if (items.getJsonObject(i).getString("id").equals(id)) {
        return items.getJsonObject(i).getLong("price_cents");
      }
    }
    throw new AssertionError(id + " is not on " + page);
  }

  private static String sku() {
    return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
