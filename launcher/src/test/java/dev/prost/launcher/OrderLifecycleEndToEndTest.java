package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogTopology;
import dev.prost.orders.OrdersTopology;
import dev.prost.orders.testing.SagaInvariants;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catalog, cart and orders together, driven through their HTTP APIs: checkouts, then the
 * order's life after them with every path and the races the issue names, racing for real
 * (many requests in flight at once, the sagas' events in flight beside them). Every invariant
 * of DESIGN.md §6 must hold once the sagas rest, stock on hand = seeded − sold + returned.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("End to end: cancellations, shipments, deliveries and refunds beside checkouts")
class OrderLifecycleEndToEndTest {

  private static final int PRODUCTS = 3;
  private static final int STOCK = 200;
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String AT_REST = "('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED')";

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static InProcessProst prost;
  private static WebClient catalog;
  private static WebClient cart;
  private static WebClient orders;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = new InProcessProst(vertx, db, Map.of(
        "PROST_RETRY_BASE_DELAY", "50ms",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        "PROST_PAYMENT_REFUND_INTERVAL", "200ms",
        "PROST_SAGA_SWEEP_INTERVAL", "200ms",
        "PROST_PAYMENT_LATENCY", "5ms"));
    prost.start("orders", "catalog", "cart");
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(32);
    catalog = prost.client("catalog", pool);
    cart = prost.client("cart", pool);
    orders = prost.client("orders", pool);
  }

  @AfterAll
  static void stop() {
    prost.stop();
  }

  @Test
  void everyPathAndEveryRaceEndsConsistently() {
    List<UUID> products = CheckoutSteps.createProducts(prost, catalog, PRODUCTS, STOCK);
    await().atMost(PATIENCE).until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == PRODUCTS);
    String admin = prost.token(UUID.randomUUID(), Set.of("admin"));

    // 10 checkouts cancelled the moment their checkout is accepted: cancel racing reservation,
    // payment and confirmation; either CANCELLED without a charge kept, or cancelled after confirmation
    List<Order> racedAtCheckout = checkouts(products, 10);
    Await.result(Future.join(racedAtCheckout.stream().map(o -> send(o.cancel())).toList()));

    // 30 more that are left to confirm
    List<Order> placed = checkouts(products, 30);
    await().atMost(PATIENCE).until(() -> placed.stream().allMatch(o -> "CONFIRMED".equals(status(o.id()))));

    // 5 cancelled after confirmation, one of them 20 times at once
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(send(placed.get(0).cancel()));
    }
    for (Order o : placed.subList(1, 5)) {
      requests.add(send(o.cancel()));
    }
    // 5 raced: 5 cancels and 5 ships of each at once
    for (Order o : placed.subList(5, 10)) {
      for (int i = 0; i < 5; i++) {
        requests.add(send(o.cancel()));
        requests.add(send(ship(o, admin)));
      }
    }
    // 10 shipped and delivered; of those, 3 refunded without restock and 3 with
    for (Order o : placed.subList(10, 20)) {
      requests.add(send(ship(o, admin)).compose(r -> send(post(o, "deliver", admin, null))));
    }
    Await.result(Future.join(requests));
    assertThat(requests).allSatisfy(r -> assertThat(r.result().statusCode()).isIn(200, 202, 409));
    List<Future<HttpResponse<Buffer>>> refunds = new ArrayList<>();
    for (int i = 10; i < 16; i++) {
      Order o = placed.get(i);
      for (int n = 0; n < 3; n++) {
        refunds.add(send(post(o, "refund", admin, new JsonObject().put("restock", i % 2 == 0))));
      }
    }
    Await.result(Future.join(refunds));
    assertThat(refunds).allSatisfy(r -> assertThat(r.result().statusCode()).isEqualTo(202));

    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN " + AT_REST) == 0);
    await().atMost(PATIENCE).until(() -> db.adminScalar("""
        SELECT (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM orders_schema.payments WHERE status IN ('REFUND_REQUIRED', 'REFUNDING'))""")
        == 0);

    assertThat(racedAtCheckout).allSatisfy(o -> assertThat(status(o.id())).isEqualTo("CANCELLED"));
    assertThat(placed.subList(0, 5)).allSatisfy(o -> assertThat(status(o.id())).isEqualTo("CANCELLED"));
    assertThat(placed.subList(5, 10)).allSatisfy(o -> assertThat(status(o.id())).isIn("CANCELLED", "SHIPPED"));
    assertThat(placed.subList(10, 16)).allSatisfy(o -> assertThat(status(o.id())).isEqualTo("REFUNDED"));
    assertThat(placed.subList(16, 20)).allSatisfy(o -> assertThat(status(o.id())).isEqualTo("DELIVERED"));
    assertThat(placed.subList(20, 30)).allSatisfy(o -> assertThat(status(o.id())).isEqualTo("CONFIRMED"));
    // the order cancelled 20 times was refunded once, for what was charged
    assertThat(db.adminScalar("SELECT refunded_cents - amount_cents FROM orders_schema.payments WHERE order_id = '"
        + placed.get(0).id() + "'")).isZero();

    SagaInvariants.of(db::adminScalar)
        .withInitialStock(products.stream().collect(Collectors.toMap(id -> id, id -> STOCK)))
        .withTopologies(List.of(OrdersTopology.TOPOLOGY, CatalogTopology.TOPOLOGY, CartTopology.TOPOLOGY))
        .assertHold();
    assertThat(prost.deadLettered()).isZero();
  }

  private record Order(UUID id, String token) {
    Call cancel() {
      return new Call("/api/orders/" + id + "/cancel", token, null);
    }
  }

  private record Call(String path, String token, JsonObject body) {}

  private static Call ship(Order o, String admin) {
    return post(o, "ship", admin, new JsonObject().put("carrier", "DHL").put("tracking_number", "T-" + o.id()));
  }

  private static Call post(Order o, String action, String token, JsonObject body) {
    return new Call("/api/orders/" + o.id() + "/" + action, token, body);
  }

  private static Future<HttpResponse<Buffer>> send(Call call) {
    var request = orders.post(call.path()).putHeader("Authorization", "Bearer " + call.token());
    return call.body() == null ? request.send() : request.sendJsonObject(call.body());
  }

  private static String status(UUID orderId) {
    var rows = Await.result(orders.get("/api/orders/" + orderId)
        .putHeader("Authorization", "Bearer " + prost.token(UUID.randomUUID(), Set.of("admin"))).send());
    return rows.statusCode() == 200 ? rows.bodyAsJsonObject().getString("status") : null;
  }

  /** {@code n} customers each check out one to two units of each product; answers the accepted orders. */
  private List<Order> checkouts(List<UUID> products, int n) {
    List<String> tokens = new ArrayList<>();
    List<Future<?>> filled = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String token = prost.token(UUID.randomUUID(), Set.of("customer"));
      tokens.add(token);
      Future<Void> chain = Future.succeededFuture();
      for (UUID product : products) {
        int quantity = 1 + i % 2;
        chain = chain.compose(v -> cart.post("/api/cart/items").putHeader("Authorization", "Bearer " + token)
            .sendJsonObject(new JsonObject().put("product_id", product.toString()).put("quantity", quantity))
            .map(r -> {
              assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
              return null;
            }));
      }
      filled.add(chain);
    }
    Await.result(Future.all(filled));
    List<Future<HttpResponse<Buffer>>> accepted = new ArrayList<>();
    for (String token : tokens) {
      accepted.add(cart.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + token)
          .sendJsonObject(new JsonObject().put("payment_token", "tok_visa")));
    }
    Await.result(Future.all(accepted));
    List<Order> created = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<Buffer> response = accepted.get(i).result();
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
      UUID id = UUID.fromString(response.bodyAsJsonObject().getString("order_id"));
      String token = tokens.get(i);
      // the order exists once orders took the checkout: a cancel before that is a 404
      await().atMost(PATIENCE).until(() -> Await.result(orders.get("/api/orders/" + id)
          .putHeader("Authorization", "Bearer " + token).send()).statusCode() == 200);
      created.add(new Order(id, token));
    }
    return created;
  }
}
