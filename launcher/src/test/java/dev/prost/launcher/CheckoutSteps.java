package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** The admin's and the customers' HTTP steps the in-process checkout tests share. */
final class CheckoutSteps {

  private CheckoutSteps() {}

  /** A category and {@code count} products in it with {@code stock} units each, through catalog's API. */
  static List<UUID> createProducts(InProcessProst prost, WebClient catalog, int count, int stock) {
    String admin = prost.token(UUID.randomUUID(), Set.of("admin"));
    HttpResponse<Buffer> category = Await.result(catalog.post("/api/categories")
        .putHeader("Authorization", "Bearer " + admin).sendJsonObject(new JsonObject().put("name", "Teaware")));
    assertThat(category.statusCode()).as(category.bodyAsString()).isEqualTo(201);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<Buffer> created = Await.result(catalog.post("/api/products")
          .putHeader("Authorization", "Bearer " + admin)
          .sendJsonObject(new JsonObject().put("sku", "TEA-" + i).put("name", "Tea " + i)
              .put("price_cents", 1000 + i).put("currency", "EUR")
              .put("category_id", category.bodyAsJsonObject().getString("id")).put("stock_on_hand", stock)));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      ids.add(UUID.fromString(created.bodyAsJsonObject().getString("id")));
    }
    return ids;
  }

  /** One to three distinct products, one to {@code maxUnits} units each. */
  static Map<UUID, Integer> pick(Random random, List<UUID> products, int maxUnits) {
    Map<UUID, Integer> lines = new HashMap<>();
    int count = 1 + random.nextInt(3);
    while (lines.size() < count) {
      lines.put(products.get(random.nextInt(products.size())), 1 + random.nextInt(maxUnits));
    }
    return lines;
  }

  /** Adds the lines to the customer's cart, one request after another; fails on any answer but 200. */
  static Future<Void> fillCart(WebClient cart, String token, Map<UUID, Integer> lines) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<UUID, Integer> line : lines.entrySet()) {
      chain = chain.compose(v -> cart.post("/api/cart/items").putHeader("Authorization", "Bearer " + token)
          .sendJsonObject(new JsonObject().put("product_id", line.getKey().toString()).put("quantity", line.getValue()))
          .map(response -> {
            if (response.statusCode() != 200) {
              throw new IllegalStateException("add to cart: " + response.statusCode() + " " + response.bodyAsString());
            }
            return null;
          }));
    }
    return chain;
  }
}
