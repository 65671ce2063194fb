package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogTopology;
import dev.prost.orders.OrdersTopology;
import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code prost} as a user meets it, in JVMs of its own: {@code topology declare}, then
 * {@code run all --seed-demo} (every service, and the public port routing to them in-process),
 * a checkout through that port, {@code prost trace} of it, and SIGTERM in the middle of a
 * stream of checkouts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("prost run all: public port, demo seed, a checkout, trace, SIGTERM")
class LauncherEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String ADMIN_EMAIL = "admin@prost.test";
  private static final String ADMIN_PASSWORD = "admin-password-for-tests";

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final Map<String, String> env = new HashMap<>();
  private static String entry;
  private static ProstProcess prost;

  @BeforeAll
  static void start() throws IOException {
    int publicPort = freePort();
    int usersPort = freePort();
    entry = "http://127.0.0.1:" + publicPort;
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("PROST_PUBLIC_PORT", Integer.toString(publicPort));
    env.put("PROST_USERS_PORT", Integer.toString(usersPort));
    env.put("PROST_CATALOG_PORT", Integer.toString(freePort()));
    env.put("PROST_CART_PORT", Integer.toString(freePort()));
    env.put("PROST_ORDERS_PORT", Integer.toString(freePort()));
    env.put("PROST_JWT_JWKS_URL", "http://127.0.0.1:" + usersPort + "/.well-known/jwks.json");
    env.put("PROST_DATA_DIR", Files.createTempDirectory("prost-launcher-test").toString());
    env.put("PROST_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("PROST_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_PAYMENT_LATENCY", "5ms");
    env.put("PROST_RELAY_POLL_INTERVAL", "200ms");
    // published rows kept, so prost trace shows the written and published hops
    env.put("PROST_OUTBOX_RETENTION", "1h");
    env.put("PROST_RETRY_BASE_DELAY", "50ms");

    ProstProcess.Result declared = ProstProcess.run(env, "topology", "declare");
    assertThat(declared.exitCode()).as(declared.output()).isZero();
    prost = ProstProcess.start(env, "run", "all", "--seed-demo").awaitReady(entry + "/health/ready", PATIENCE);
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.terminate(Duration.ofSeconds(60));
    }
    Vertx vertx = Vertx.vertx();
    try {
      Env config = Env.of(env);
      NamespaceCleanup.broker(vertx, MessagingConfig.from(config), OrdersTopology.TOPOLOGY, CatalogTopology.TOPOLOGY,
          CartTopology.TOPOLOGY);
      NamespaceCleanup.redis(vertx, URI.create("redis://127.0.0.1:6379"), env.get("PROST_NAMESPACE"));
    } finally {
      vertx.close();
    }
  }

  @Test
  @Order(1)
  void aCheckoutThroughThePublicPortReachesConfirmedAndTraceListsEveryHop() {
    // the demo catalogue arrived through the public API
    await().atMost(PATIENCE).until(() -> call("GET", "/api/products?size=1", null, null).body().getLong("total") == 50);
    String token = customer("ada@example.com");
    String product = call("GET", "/api/products?size=1", null, null).body().getJsonArray("items").getJsonObject(0)
        .getString("id");
    addToCart(token, product, 2);

    Reply checkout = call("POST", "/api/cart/checkout", token, new JsonObject().put("payment_token", "tok_visa"),
        Map.of("Idempotency-Key", "launcher-test-1"));
    assertThat(checkout.status()).as(checkout.text()).isEqualTo(202);
    String orderId = checkout.body().getString("order_id");
    await().atMost(PATIENCE).until(() ->
        "CONFIRMED".equals(call("GET", checkout.body().getString("status_url"), token, null).body().getString("status")));

    JsonObject order = call("GET", "/api/orders/" + orderId, token, null).body();
    assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    assertThat(order.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("state")))
        .containsExactly("PENDING", "CART_VALIDATED", "INVENTORY_RESERVED", "PAYMENT_PROCESSED", "CONFIRMED");

    // the cart's OrderConfirmed may still be on its way: wait for the last hop before tracing
    await().atMost(PATIENCE).until(() -> db.adminScalar(
        "SELECT count(*) FROM cart_schema.processed_events WHERE correlation_id = '" + orderId + "'") == 1);
    ProstProcess.Result trace = ProstProcess.run(env, "trace", orderId);
    assertThat(trace.exitCode()).as(trace.output()).isZero();
    assertThat(hopsIn(trace.output(), List.of(
        "cart     written      CartCheckoutInitiated",
        "orders   applied      CartCheckoutInitiated",
        "orders   saga         CHECKOUT_INITIATED",
        "orders   written      OrderPlaced",
        "catalog  applied      OrderPlaced",
        "catalog  written      StockReserved",
        "orders   applied      StockReserved",
        "orders   written      PaymentRequested",
        "orders   applied      PaymentRequested",
        "orders   written      PaymentProcessed",
        "orders   applied      PaymentProcessed",
        "orders   written      OrderConfirmed")))
        .as(trace.output()).isTrue();
    assertThat(trace.output()).contains("catalog  applied      OrderConfirmed")
        .contains("cart     applied      OrderConfirmed");

    ProstProcess.Result unknown = ProstProcess.run(env, "trace", UUID.randomUUID().toString());
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output()).contains("nothing recorded");

    // prost run all has Vert.x metrics on: the 8080 scrape is the whole process, split by service
    assertThat(call("GET", "/metrics", null, null).text())
        .containsPattern("vertx_http_server_requests_total\\{[^}]*method=\"POST\"[^}]*route=\"/api/cart/checkout\"[^}]*service=\"cart\"")
        .containsPattern("prost_sagas_confirmed_total\\{service=\"orders\"} [1-9]")
        .contains("jvm_memory_used_bytes{")
        .contains("process_cpu_usage");
  }

  @Test
  @Order(2)
  void sigtermDuringAStreamOfCheckoutsLosesNothing() {
    List<String> products = new ArrayList<>();
    call("GET", "/api/products?size=20", null, null).body().getJsonArray("items")
        .forEach(p -> products.add(((JsonObject) p).getString("id")));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String token = customer("stream-" + i + "@example.com");
      addToCart(token, products.get(i % products.size()), 1);
      tokens.add(token);
    }

    List<CompletableFuture<HttpResponse<String>>> checkouts = new ArrayList<>();
    for (String token : tokens) {
      checkouts.add(http.sendAsync(request("POST", "/api/cart/checkout", token,
          new JsonObject().put("payment_token", "tok_visa"), Map.of()), HttpResponse.BodyHandlers.ofString()));
    }
    // SIGTERM as soon as the first checkouts are accepted, with the rest in flight
    await().atMost(PATIENCE).until(() -> checkouts.stream().filter(CompletableFuture::isDone).count() >= 4);
    prost.terminate(Duration.ofSeconds(60));
    assertThat(prost.output()).contains("stopped");

    prost = ProstProcess.start(env, "run", "all").awaitReady(entry + "/health/ready", PATIENCE);

    // every checkout the cart committed (answered or not) ends, on both sides
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED'") == 0
            && db.adminScalar("SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN ('CONFIRMED', 'FAILED')")
                == 0
            && db.adminScalar("SELECT count(*) FROM orders_schema.saga_state")
                == db.adminScalar("SELECT count(*) FROM cart_schema.saga_state"));
    assertThat(db.adminScalar("SELECT count(*) FROM cart_schema.saga_state")).isGreaterThanOrEqualTo(4);
    assertThat(db.adminScalar("""
        SELECT count(*) FROM catalog_schema.products
        WHERE stock_reserved > stock_on_hand OR stock_on_hand < 0 OR stock_reserved < 0""")).isZero();
    await().atMost(PATIENCE).until(() -> db.adminScalar(
        "SELECT count(*) FROM catalog_schema.inventory_reservations WHERE status = 'RESERVED'") == 0);
    assertThat(db.adminScalar("""
        SELECT count(*) FROM cart_schema.saga_state c JOIN orders_schema.orders o ON o.id = c.order_id
        WHERE c.status <> o.status""")).isZero();
  }

  private static boolean hopsIn(String output, List<String> hops) {
    int from = 0;
    for (String hop : hops) {
      int at = output.indexOf(hop, from);
      if (at < 0) {
        return false;
      }
      from = at + hop.length();
    }
    return true;
  }

  private static String customer(String email) {
    Reply registered = call("POST", "/api/auth/register", null,
        new JsonObject().put("email", email).put("password", "correct horse battery").put("name", "Test"));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    Reply login = call("POST", "/api/auth/login", null,
        new JsonObject().put("email", email).put("password", "correct horse battery"));
    assertThat(login.status()).as(login.text()).isEqualTo(200);
    return login.body().getString("access_token");
  }

  // the cart learns of products through catalog's events: a fresh product may take a moment
  private static void addToCart(String token, String product, int quantity) {
    await().atMost(PATIENCE).until(() -> call("POST", "/api/cart/items", token,
        new JsonObject().put("product_id", product).put("quantity", quantity)).status() == 200);
  }

  record Reply(int status, String text) {
    JsonObject body() {
      return new JsonObject(text);
    }
  }

  private static Reply call(String method, String path, String token, JsonObject body) {
    return call(method, path, token, body, Map.of());
  }

  private static Reply call(String method, String path, String token, JsonObject body, Map<String, String> headers) {
    try {
      HttpResponse<String> response = http.send(request(method, path, token, body, headers),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest request(String method, String path, String token, JsonObject body,
      Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(entry + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    headers.forEach(builder::header);
    return builder.build();
  }

  private static int freePort() {
    return FreePorts.next();
  }
}
