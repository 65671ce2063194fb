package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a checkout costs the database under light load, counted as {@code scripts/bench load}
 * counts it: the commits of the run's database ({@code pg_stat_database.xact_commit}, reads
 * included) between before and after, divided by the checkouts started. Each checkout is what
 * the load simulation does: 1–3 products into the cart, {@code POST /api/cart/checkout}, then
 * {@code GET /api/cart/checkouts/{id}?wait=8} until it ended; they arrive at a steady
 * {@link #RATE} per second (150 at 10/s unless the system properties below say otherwise). The
 * figure is printed (a measurement, not an assertion: how many
 * commits share a group depends on timing); the test only checks that every checkout ended.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Commits per checkout under light load (a measurement)")
class CheckoutCostTest {

  private static final int PRODUCTS = 20;
  // -Dprost.cost.checkouts=… -Dprost.cost.rate=… on the mvn command line to measure another load
  private static final int CHECKOUTS = Integer.getInteger("prost.cost.checkouts", 150);
  private static final int RATE = Integer.getInteger("prost.cost.rate", 10);
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static InProcessProst prost;
  private static WebClient catalog;
  private static WebClient cart;

  @BeforeAll
  static void start(Vertx vertx) {
    // admission control off: a refusal costs no commit, and a shared test machine is slow
    prost = new InProcessProst(vertx, db, Map.of("PROST_PAYMENT_LATENCY", "5ms", "PROST_ADMISSION", "false"));
    prost.start("orders", "catalog", "cart");
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(64);
    catalog = prost.client("catalog", pool);
    cart = prost.client("cart", pool);
  }

  @AfterAll
  static void stop() {
    prost.stop();
  }

  @Test
  void commitsPerCheckout(Vertx vertx) {
    List<UUID> products = createProducts();
    await().atMost(PATIENCE).until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == PRODUCTS);

    long before = commits();
    Random random = new Random(7);
    List<Future<String>> outcomes = new ArrayList<>();
    Promise<Void> arrived = Promise.promise();
    vertx.setPeriodic(1000 / RATE, timer -> {
      int i = outcomes.size();
      String payment = i % 50 == 49 ? "tok_decline" : "tok_visa";
      outcomes.add(checkout(token(UUID.randomUUID()), pick(random, products), payment));
      if (outcomes.size() == CHECKOUTS) {
        vertx.cancelTimer(timer);
        arrived.complete();
      }
    });
    Await.result(arrived.future());
    Await.result(Future.all(outcomes));
    // the sagas' last events are applied after the cart answered; pg_stat counters are
    // flushed by each backend within a second of its last transaction
    await().atMost(PATIENCE).pollDelay(Duration.ofMillis(1500)).until(() -> db.adminScalar("""
        SELECT (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.inventory_reservations WHERE status = 'RESERVED')""") == 0);
    long after = commits();

    long confirmed = outcomes.stream().filter(o -> o.result().equals("CONFIRMED")).count();
    assertThat(confirmed).as("every checkout but the declined ones confirms").isEqualTo(CHECKOUTS - CHECKOUTS / 50);
    System.out.printf("checkout cost: %d checkouts at %d/s, %.1f commits per checkout (pg_stat_database, reads"
        + " and the few admin queries of this test included)%n", CHECKOUTS, RATE, (after - before) / (double) CHECKOUTS);
  }

  /** Fills the cart, checks out, waits for the outcome; answers CONFIRMED or FAILED. */
  private Future<String> checkout(String token, Map<UUID, Integer> lines, String payment) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<UUID, Integer> line : lines.entrySet()) {
      chain = chain.compose(v -> cart.post("/api/cart/items").putHeader("Authorization", "Bearer " + token)
          .sendJsonObject(new JsonObject().put("product_id", line.getKey().toString()).put("quantity", line.getValue()))
          .map(response -> expect(response, 200)).mapEmpty());
    }
    return chain
        .compose(v -> cart.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + token)
            .sendJsonObject(new JsonObject().put("payment_token", payment)))
        .map(response -> expect(response, 202).getString("order_id"))
        .compose(orderId -> outcome(token, orderId));
  }

  private Future<String> outcome(String token, String orderId) {
    return cart.get("/api/cart/checkouts/" + orderId + "?wait=8").putHeader("Authorization", "Bearer " + token).send()
        .compose(response -> {
          String status = expect(response, 200).getString("status");
          return status.equals("INITIATED") ? outcome(token, orderId) : Future.succeededFuture(status);
        });
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** Commits of the test's database so far, read from another database so the reading is not one of them. */
  private static long commits() {
    DatabaseConfig config = db.config();
    try (var conn = DriverManager.getConnection(config.adminJdbcUrl("postgres"), config.adminUser(),
            config.adminPassword());
         var st = conn.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
      st.setString(1, db.name());
      try (var rows = st.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<UUID> createProducts() {
    String admin = prost.token(UUID.randomUUID(), Set.of("admin"));
    HttpResponse<Buffer> category = Await.result(catalog.post("/api/categories")
        .putHeader("Authorization", "Bearer " + admin).sendJsonObject(new JsonObject().put("name", "Teaware")));
    assertThat(category.statusCode()).as(category.bodyAsString()).isEqualTo(201);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      HttpResponse<Buffer> created = Await.result(catalog.post("/api/products")
          .putHeader("Authorization", "Bearer " + admin)
          .sendJsonObject(new JsonObject().put("sku", "TEA-" + i).put("name", "Tea " + i)
              .put("price_cents", 1000 + i).put("currency", "EUR")
              .put("category_id", category.bodyAsJsonObject().getString("id")).put("stock_on_hand", 1_000_000)));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      ids.add(UUID.fromString(created.bodyAsJsonObject().getString("id")));
    }
    return ids;
  }

  /** One to three distinct products, one or two units each, as the load simulation picks them. */
  private static Map<UUID, Integer> pick(Random random, List<UUID> products) {
    Map<UUID, Integer> lines = new HashMap<>();
    int count = 1 + random.nextInt(3);
    while (lines.size() < count) {
      lines.put(products.get(random.nextInt(products.size())), 1 + random.nextInt(2));
    }
    return lines;
  }

  private static String token(UUID customer) {
    return prost.token(customer, Set.of("customer"));
  }
}
