package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Catalog service over HTTP")
class CatalogApiTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CatalogFixture catalog;
  private String category;

  @BeforeEach
  void start(Vertx vertx) {
    catalog = new CatalogFixture(vertx, db, Map.of()).start();
    category = catalog.createCategory("Cat " + UUID.randomUUID());
  }

  @AfterEach
  void stop() {
    catalog.stop();
  }

  private static String sku() {
    return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  @DisplayName("writes need a token (401) and the admin role (403); admins create, read, update and deactivate")
  void crudAndAuthorization() {
    JsonObject body = CatalogFixture.product(category, sku(), "Teapot", "Porcelain, 1 l", 2599, 10);
    assertThat(catalog.send("POST", "/api/products", null, body).statusCode()).isEqualTo(401);
    assertThat(catalog.send("POST", "/api/products", catalog.customerToken, body).statusCode()).isEqualTo(403);
    assertThat(catalog.send("POST", "/api/categories", catalog.customerToken, new JsonObject().put("name", "x"))
        .statusCode()).isEqualTo(403);

    HttpResponse<Buffer> created = catalog.send("POST", "/api/products", catalog.adminToken, body);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject product = created.bodyAsJsonObject();
    assertThat(product.getInteger("stock_available")).isEqualTo(10);
    String id = product.getString("id");

    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Teapot");
    assertThat(catalog.send("PATCH", "/api/products/" + id, catalog.customerToken,
        new JsonObject().put("price_cents", 1)).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> patched = catalog.send("PATCH", "/api/products/" + id, catalog.adminToken,
        new JsonObject().put("price_cents", 1999));
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getLong("price_cents")).isEqualTo(1999L);

    HttpResponse<Buffer> deleted = catalog.send("DELETE", "/api/products/" + id, catalog.adminToken, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(catalog.send("POST", "/api/products", catalog.adminToken, body).statusCode())
        .as("the SKU stays taken after a soft delete").isEqualTo(409);
    assertThat(catalog.get("/api/products/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("negative price, empty or blank name, unknown category, size > 100 and a page or price past their range are "
      + "rejected naming the field")
  void validation() {
    assertField(catalog.send("POST", "/api/products", catalog.adminToken,
        CatalogFixture.product(category, sku(), "X", "", -1, 1)), 400, "price_cents");
    assertField(catalog.send("POST", "/api/products", catalog.adminToken,
        CatalogFixture.product(category, sku(), "", "", 1, 1)), 400, "name");
    // blank once trimmed: only whitespace and control characters
    assertField(catalog.send("POST", "/api/products", catalog.adminToken,
        CatalogFixture.product(category, sku(), " \t\u0001 ", "", 1, 1)), 400, "name");
    assertField(catalog.send("POST", "/api/categories", catalog.adminToken, new JsonObject().put("name", "   ")),
        400, "name");
    assertField(catalog.send("POST", "/api/products", catalog.adminToken,
        CatalogFixture.product(UUID.randomUUID().toString(), sku(), "X", "", 1, 1)), 422, "category_id");
    assertField(catalog.get("/api/products?size=101"), 400, "size");
    assertField(catalog.get("/api/products?min_price_cents=abc"), 400, "min_price_cents");
    // past int and long: never wrapped around into a negative OFFSET or price
    assertField(catalog.get("/api/products?page=9223372036854775808"), 400, "page");
    assertField(catalog.get("/api/products?page=1000001"), 400, "page");
    assertField(catalog.get("/api/products?max_price_cents=100000000001"), 400, "max_price_cents");
  }

  @Test
  @DisplayName("text search treats SQL and LIKE metacharacters literally and pages through the matches")
  void search() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    catalog.createProduct(category, sku(), "Mug " + tag, "stoneware", 900, 5);
    catalog.createProduct(category, sku(), "Bowl " + tag, "100% cotton_wrapped", 1200, 5);
    catalog.createProduct(category, sku(), "Plate " + tag, "plain", 1500, 5);

    assertThat(names("/api/products?q=" + enc("' OR 1=1 --"))).isEmpty();
    assertThat(names("/api/products?q=" + enc("%"))).containsExactly("Bowl " + tag);
    assertThat(names("/api/products?q=" + enc("_"))).containsExactly("Bowl " + tag);
    assertThat(names("/api/products?q=" + tag)).containsExactly("Bowl " + tag, "Mug " + tag, "Plate " + tag);
    assertThat(names("/api/products?q=" + tag + "&min_price_cents=1000&max_price_cents=1400"))
        .containsExactly("Bowl " + tag);
    JsonObject page = catalog.get("/api/products?q=" + tag + "&size=2&page=2").bodyAsJsonObject();
    assertThat(page.getInteger("total")).isEqualTo(3);
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(names("/api/products?category_id=" + category)).hasSize(3);
  }

  @Test
  @DisplayName("stock can be set, but never below what checkouts have reserved (409)")
  void stockBelowReserved(Vertx vertx) {
    String id = catalog.createProduct(category, sku(), "Kettle", "", 4000, 10).getString("id");
    Pool pool = ServicePool.create(vertx, db.config(), ServiceSchema.of("catalog"));
    Await.result(pool.preparedQuery("UPDATE products SET stock_reserved = 4 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(id))));

    HttpResponse<Buffer> below = catalog.send("PUT", "/api/products/" + id + "/stock", catalog.adminToken,
        new JsonObject().put("stock_on_hand", 3));
    assertThat(below.statusCode()).isEqualTo(409);
    assertThat(below.bodyAsJsonObject().getString("type")).endsWith("/stock-below-reserved");
    HttpResponse<Buffer> ok = catalog.send("PUT", "/api/products/" + id + "/stock", catalog.adminToken,
        new JsonObject().put("stock_on_hand", 4));
    assertThat(ok.bodyAsJsonObject().getInteger("stock_available")).isZero();
  }

  @Test
  @DisplayName("an update is visible through the cached read right after it commits")
  void cacheInvalidatedOnWrite() {
    String id = catalog.createProduct(category, sku(), "Lamp", "", 3000, 2).getString("id");
    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(3000L);
    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(3000L);

    catalog.send("PATCH", "/api/products/" + id, catalog.adminToken, new JsonObject().put("price_cents", 2500));
    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getLong("price_cents")).isEqualTo(2500L);
    catalog.send("PUT", "/api/products/" + id + "/stock", catalog.adminToken, new JsonObject().put("stock_on_hand", 7));
    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getInteger("stock_on_hand")).isEqualTo(7);
    assertThat(catalog.get("/metrics").bodyAsString()).contains("prost_cache_hits_total");
  }

  @Test
  @DisplayName("a checkout's reservation is visible through the cached read right after the consumer commits it")
  void cacheInvalidatedByReservation(Vertx vertx) {
    String id = catalog.createProduct(category, sku(), "Jug", "", 1500, 5).getString("id");
    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getInteger("stock_reserved")).isZero();
    UUID order = UUID.randomUUID();
    dev.prost.platform.events.EventEnvelope placed = dev.prost.platform.events.EventEnvelope.first("orders", order,
        new dev.prost.platform.events.OrderPlaced(order, UUID.randomUUID(),
            List.of(new dev.prost.platform.events.PricedLine(UUID.fromString(id), 2, 1500)), 3000, "EUR"));
    var config = dev.prost.platform.messaging.MessagingConfig.from(dev.prost.platform.config.Env.of(catalog.env()));
    var amqp = Await.result(dev.prost.platform.messaging.AmqpConnection.open(vertx, config, "prost-test-orders"));
    try {
      var publisher = Await.result(dev.prost.platform.messaging.EventPublisher.create(vertx, amqp,
          java.time.Duration.ofSeconds(5), new dev.prost.platform.messaging.MessagingMetrics(
              new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), "orders")));
      Await.result(publisher.publish(dev.prost.platform.messaging.OutgoingMessage.event(
          new dev.prost.platform.messaging.topology.TopologyNames(config.namespace()).exchange("orders"), "order.placed",
          placed.metadata().eventId().toString(), "OrderPlaced", 1, order.toString(),
          dev.prost.platform.events.EventCodec.create().encodeToString(placed))));
      publisher.close();
    } finally {
      amqp.close();
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
        catalog.get("/api/products/" + id).bodyAsJsonObject().getInteger("stock_reserved") == 2);
    assertThat(catalog.get("/api/products/" + id).bodyAsJsonObject().getInteger("stock_available")).isEqualTo(3);
  }

  @Test
  @DisplayName("product writes put ProductCreated v2 and ProductUpdated into the outbox")
  void productEvents(Vertx vertx) {
    String id = catalog.createProduct(category, sku(), "Clock", "", 5000, 1).getString("id");
    catalog.send("PATCH", "/api/products/" + id, catalog.adminToken, new JsonObject().put("name", "Wall clock"));
    Pool pool = ServicePool.create(vertx, db.config(), ServiceSchema.of("catalog"));
    List<String> types = Await.result(pool.preparedQuery(
            "SELECT event_type, event_version FROM outbox WHERE correlation_id = $1 ORDER BY id")
        .execute(Tuple.of(UUID.fromString(id))))
        .stream().map(row -> row.getString(0) + " v" + row.getInteger(1)).toList();
    assertThat(types).containsExactly("ProductCreated v2", "ProductUpdated v1");
  }

  private List<String> names(String path) {
    HttpResponse<Buffer> response = catalog.get(path);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("name")).toList();
  }

  private static String enc(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void assertField(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
  }
}
