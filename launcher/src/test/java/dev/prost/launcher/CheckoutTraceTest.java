package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A checkout through every service in one JVM behind the embedded entry point, as {@code prost
 * run all} runs them, traced to a real Zipkin server: read back from Zipkin's API, it is one
 * trace whose parent links hold across every broker hop, each span named for its own service.
 */
@DisplayName("Tracing: one checkout is one trace in Zipkin, across cart, orders and catalog")
class CheckoutTraceTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static ZipkinServer zipkin;
  private static Vertx vertx;
  private static InProcessProst prost;

  @BeforeAll
  static void start() {
    zipkin = new ZipkinServer();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(Map.of(
        "OTEL_TRACES_EXPORTER", "zipkin",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "100",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        "PROST_PAYMENT_LATENCY", "5ms"));
    vertx = Tracing.vertx(Env.of(env), "prost");
    prost = new InProcessProst(vertx, db, env);
    // users signs with the test's key pair, which every other service verifies with
    prost.start("users", prost.env(Map.of(AuthConfig.PRIVATE_KEY, prost.keys.privateKeyPem())))
        .start("catalog", "cart", "orders", InProcessProst.ENTRY);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prost != null) {
      prost.stop();
    }
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  @Test
  @DisplayName("spans of cart, orders and catalog, one root, every parent present, each consumer after its producer")
  void oneTracePerCheckout() throws Exception {
    WebClient catalog = prost.client("catalog");
    // through the entry point: one router per service on one port
    WebClient cart = prost.client(InProcessProst.ENTRY);
    UUID product = createProduct(catalog);
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM cart_schema.product_view WHERE product_id = '" + product + "'") == 1);
    String customer = "Bearer " + prost.token(UUID.randomUUID(), Set.of("customer"));
    HttpResponse<Buffer> added = Await.result(cart.post("/api/cart/items").putHeader("Authorization", customer)
        .sendJsonObject(new JsonObject().put("product_id", product.toString()).put("quantity", 1)));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> checkout = Await.result(cart.post("/api/cart/checkout").putHeader("Authorization", customer)
        .sendJsonObject(new JsonObject().put("payment_token", "tok_visa")));
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(202);
    UUID order = UUID.fromString(checkout.bodyAsJsonObject().getString("order_id"));
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM orders_schema.orders WHERE id = '" + order + "' AND status = 'CONFIRMED'")
            == 1);

    // what prost trace prints: one trace id for the whole checkout
    List<String> traceIds = new Trace(DatabaseConfig.from(prost.env(), "orders")).traceIds(order);
    assertThat(traceIds).hasSize(1);
    String traceId = traceIds.get(0);

    // the cart learns of the confirmation last: its consumer span closes the checkout
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
      List<JsonObject> spans = spans(traceId);
      return spans.stream().anyMatch(span -> isConsumer(span, "cart", "process orderconfirmed"))
          && orphans(spans).isEmpty();
    });
    List<JsonObject> spans = spans(traceId);
    Map<String, JsonObject> byId = spans.stream().collect(Collectors.toMap(span -> span.getString("id"), s -> s));

    assertThat(spans.stream().map(CheckoutTraceTest::service).collect(Collectors.toSet()))
        .contains("cart", "orders", "catalog");
    List<JsonObject> roots = spans.stream().filter(span -> span.getString("parentId") == null).toList();
    assertThat(roots).as("one root: the checkout request").singleElement()
        .satisfies(root -> assertThat(root.getString("kind")).isEqualTo("SERVER"))
        .satisfies(root -> assertThat(service(root)).isEqualTo(InProcessProst.ENTRY));
    // the entry point handed the request to cart's router: its SQL is cart's
    assertThat(spans).as("cart's SQL under the entry point's request span")
        .anyMatch(span -> "CLIENT".equals(span.getString("kind")) && "cart".equals(service(span))
            && roots.get(0).getString("id").equals(span.getString("parentId")));
    assertThat(orphans(spans)).as("spans whose parent is missing").isEmpty();

    List<JsonObject> consumers = spans.stream().filter(span -> "CONSUMER".equals(span.getString("kind"))).toList();
    assertThat(consumers.stream().map(span -> service(span) + " " + span.getString("name")).collect(Collectors.toSet()))
        .as("every broker hop of the saga")
        .contains("orders process cartcheckoutinitiated", "catalog process orderplaced",
            "orders process stockreserved", "cart process orderconfirmed");
    for (JsonObject consumer : consumers) {
      JsonObject producer = byId.get(consumer.getString("parentId"));
      assertThat(producer.getString("kind")).as("parent of " + consumer.getString("name")).isEqualTo("PRODUCER");
      assertThat(consumer.getLong("timestamp")).isGreaterThanOrEqualTo(producer.getLong("timestamp"));
    }
  }

  private List<JsonObject> spans(String traceId) {
    return zipkin.get("/api/v2/trace/" + traceId)
        .map(body -> new JsonArray(body).stream().map(span -> (JsonObject) span).toList())
        .orElse(List.of());
  }

  private static List<JsonObject> orphans(List<JsonObject> spans) {
    Set<String> ids = spans.stream().map(span -> span.getString("id")).collect(Collectors.toSet());
    return spans.stream().filter(span -> span.getString("parentId") != null && !ids.contains(span.getString("parentId")))
        .toList();
  }

  private static boolean isConsumer(JsonObject span, String service, String name) {
    return "CONSUMER".equals(span.getString("kind")) && service.equals(service(span)) && name.equals(span.getString("name"));
  }

  private static String service(JsonObject span) {
    return span.getJsonObject("localEndpoint", new JsonObject()).getString("serviceName");
  }

  private UUID createProduct(WebClient catalog) {
    String admin = "Bearer " + prost.token(UUID.randomUUID(), Set.of("admin"));
    HttpResponse<Buffer> category = Await.result(catalog.post("/api/categories")
        .putHeader("Authorization", admin).sendJsonObject(new JsonObject().put("name", "Teaware")));
    assertThat(category.statusCode()).as(category.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> created = Await.result(catalog.post("/api/products")
        .putHeader("Authorization", admin)
        .sendJsonObject(new JsonObject().put("sku", "TEA-1").put("name", "Tea").put("price_cents", 1000)
            .put("currency", "EUR").put("category_id", category.bodyAsJsonObject().getString("id"))
            .put("stock_on_hand", 5)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return UUID.fromString(created.bodyAsJsonObject().getString("id"));
  }
}
