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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checkouts through every service in one JVM behind the embedded entry point, as {@code prost
 * run all} runs them, traced to two real backends at once ({@code OTEL_TRACES_EXPORTER=zipkin,otlp}):
 * a Zipkin server, read back through its API, and an OTLP/HTTP receiver. Each checkout is one
 * trace whose parent links hold across every broker hop, each span named for its own service;
 * so it stays when a second instance of orders and catalog, in a Vert.x of its own as a second
 * process would be, competes for their queues (the last test: the others see one instance).
 */
@DisplayName("Tracing: one checkout is one trace in Zipkin and over OTLP, across cart, orders and catalog")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutTraceTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static ZipkinServer zipkin;
  private static OtlpReceiver otlp;
  private static Map<String, String> env;
  private static Vertx vertx;
  private static Vertx twin;
  private static InProcessProst prost;
  private static UUID product;

  @BeforeAll
  static void start() {
    zipkin = new ZipkinServer();
    otlp = new OtlpReceiver();
    env = new HashMap<>(System.getenv());
    env.putAll(Map.of(
        "OTEL_TRACES_EXPORTER", "zipkin,otlp",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint(),
        "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_BSP_SCHEDULE_DELAY", "100",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        // published rows kept: prost trace reads a checkout's trace id from them
        "PROST_OUTBOX_RETENTION", "1h",
        "PROST_PAYMENT_LATENCY", "5ms"));
    vertx = Tracing.vertx(Env.of(env), "prost");
    prost = new InProcessProst(vertx, db, env);
    // users signs with the test's key pair, which every other service verifies with
    prost.start("users", prost.env(Map.of(AuthConfig.PRIVATE_KEY, prost.keys.privateKeyPem())))
        .start("catalog", "cart", "orders", InProcessProst.ENTRY);
    product = createProduct();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prost != null) {
      prost.stop();
    }
    for (Vertx instance : new Vertx[] {twin, vertx}) {
      if (instance != null) {
        Await.result(instance.close());
      }
    }
    if (otlp != null) {
      otlp.close();
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("Zipkin: spans of cart, orders and catalog, one root, every parent present, each consumer after its producer")
  void oneTracePerCheckout() throws Exception {
    String traceId = checkout();
    CheckoutTraces.assertOneUnbrokenTrace(awaitTrace(traceId, zipkin));
  }

  @Test
  @Order(2)
  @DisplayName("OTLP/HTTP: the checkout's spans arrive as protobuf with one trace id, each resource naming its service and instance")
  void oneTraceOverOtlp() throws Exception {
    String traceId = checkout();
    List<TracedSpan> spans = awaitTrace(traceId, otlp);
    CheckoutTraces.assertOneUnbrokenTrace(spans);
    assertThat(otlp.contentTypes()).containsExactly("application/x-protobuf");
    assertThat(spans.stream().map(TracedSpan::service).collect(Collectors.toSet()))
        .isEqualTo(Set.of(InProcessProst.ENTRY, "cart", "orders", "catalog"));
    // one process: one instance id on every service's resource
    assertThat(spans.stream().map(TracedSpan::instance).collect(Collectors.toSet())).singleElement()
        .satisfies(instance -> assertThat(UUID.fromString(instance)).isNotNull());
  }

  @Test
  @Order(3)
  @DisplayName("two instances of orders and catalog share the work, and each checkout is still one unbroken trace")
  void twoInstancesOfAService() throws Exception {
    // a Vert.x, and so an SDK and a service.instance.id, of its own: a second process
    twin = Tracing.vertx(Env.of(env), "prost");
    prost.startInstance(twin, "catalog").startInstance(twin, "orders");

    Map<String, Set<String>> instances = new HashMap<>();
    // the broker hands a queue's deliveries to its consumers in turn: a few checkouts reach both
    for (int i = 0; i < 8 && !(seenTwice(instances, "orders") && seenTwice(instances, "catalog")); i++) {
      List<TracedSpan> spans = awaitTrace(checkout(), zipkin);
      CheckoutTraces.assertOneUnbrokenTrace(spans);
      spans.forEach(span -> instances.computeIfAbsent(span.service(), s -> new HashSet<>()).add(span.instance()));
    }
    assertThat(instances.get("orders")).as("orders' instances").doesNotContainNull().hasSize(2);
    assertThat(instances.get("catalog")).as("catalog's instances").doesNotContainNull().hasSize(2);
    assertThat(instances.get("cart")).as("cart's instances").doesNotContainNull().hasSize(1);
  }

  private static boolean seenTwice(Map<String, Set<String>> instances, String service) {
    return instances.getOrDefault(service, Set.of()).size() == 2;
  }

  /** One checkout of the test's product by a new customer, to CONFIRMED; its trace id, as {@code prost trace} prints it. */
  private static String checkout() throws Exception {
    WebClient cart = prost.client(InProcessProst.ENTRY);
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
    List<String> traceIds = new Trace(DatabaseConfig.from(prost.env(), "orders")).traceIds(order);
    assertThat(traceIds).as("trace ids of order " + order).hasSize(1);
    return traceIds.get(0);
  }

  /** The trace's spans once they have all reached the backend. */
  private static List<TracedSpan> awaitTrace(String traceId, TraceBackend backend) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> CheckoutTraces.complete(backend.trace(traceId)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("trace " + traceId + " incomplete in " + backend + ": "
          + CheckoutTraces.describe(backend.trace(traceId)), e);
    }
    return backend.trace(traceId);
  }

  /** A product with stock for every checkout of the class, in cart's view before the first. */
  private static UUID createProduct() {
    WebClient catalog = prost.client("catalog");
    String admin = "Bearer " + prost.token(UUID.randomUUID(), Set.of("admin"));
    HttpResponse<Buffer> category = Await.result(catalog.post("/api/categories")
        .putHeader("Authorization", admin).sendJsonObject(new JsonObject().put("name", "Teaware")));
    assertThat(category.statusCode()).as(category.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> created = Await.result(catalog.post("/api/products")
        .putHeader("Authorization", admin)
        .sendJsonObject(new JsonObject().put("sku", "TEA-1").put("name", "Tea").put("price_cents", 1000)
            .put("currency", "EUR").put("category_id", category.bodyAsJsonObject().getString("id"))
            .put("stock_on_hand", 100)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    UUID id = UUID.fromString(created.bodyAsJsonObject().getString("id"));
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM cart_schema.product_view WHERE product_id = '" + id + "'") == 1);
    return id;
  }
}
