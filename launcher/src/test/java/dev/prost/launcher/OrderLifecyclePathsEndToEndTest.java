package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogTopology;
import dev.prost.launcher.LifecycleSteps.Order;
import dev.prost.orders.OrdersTopology;
import dev.prost.orders.testing.SagaInvariants;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each path of an order's life, one at a time, against the real catalog, cart and orders
 * (and the simulated gateway): a cancel while the stock is being reserved, while the payment is
 * being taken, and every request the order's state refuses. Each test holds the saga where it
 * wants it by a real cause, not by timing: a product row locked the way a slow catalog would
 * hold it, a card whose payment never answers. The saga deadlines are the defaults (30 s), far
 * beyond what each test needs.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("End to end: each path of an order after checkout, against the real services")
class OrderLifecyclePathsEndToEndTest {

  private static final int STOCK = 50;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static InProcessProst prost;
  private static LifecycleSteps steps;
  private static List<UUID> products;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = new InProcessProst(vertx, db, Map.of(
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        "PROST_PAYMENT_REFUND_INTERVAL", "200ms",
        "PROST_SAGA_SWEEP_INTERVAL", "200ms",
        // published rows kept: SagaInvariants matches them against every consumer's inbox
        "PROST_OUTBOX_RETENTION", "1h",
        "PROST_PAYMENT_LATENCY", "5ms"));
    prost.start("orders", "catalog", "cart");
    products = CheckoutSteps.createProducts(prost, prost.client("catalog"), 2, STOCK);
    steps = new LifecycleSteps(prost, prost.client("cart"), prost.client("orders"));
    await().atMost(PATIENCE).until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == 2);
  }

  @AfterAll
  static void stop() {
    prost.stop();
  }

  @AfterEach
  void invariantsHold() {
    await().atMost(PATIENCE).until(() -> db.adminScalar("""
        SELECT (SELECT count(*) FROM orders_schema.saga_state
                WHERE state NOT IN ('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED'))
             + (SELECT count(*) FROM orders_schema.payments
                WHERE status IN ('PENDING', 'REFUND_REQUIRED', 'REFUNDING'))
             + (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)""") == 0);
    SagaInvariants.of(db::adminScalar)
        .withInitialStock(products.stream().collect(Collectors.toMap(id -> id, id -> STOCK)))
        .withTopologies(List.of(OrdersTopology.TOPOLOGY, CatalogTopology.TOPOLOGY, CartTopology.TOPOLOGY))
        .assertHold();
    assertThat(prost.deadLettered()).isZero();
  }

  @Test
  @DisplayName("cancelled while catalog reserves: CANCELLED, no stock held or sold, never asked to pay")
  void cancelWhileReserving() throws SQLException {
    Order order;
    // catalog's reservation waits on the product row as it would behind a slow transaction;
    // the order stays CART_VALIDATED until the lock goes
    try (Connection held = lockProduct(products.get(0))) {
      order = steps.checkouts(products, 1, "tok_visa").get(0);
      assertThat(steps.status(order.id())).isEqualTo("CART_VALIDATED");
      var cancel = Await.result(steps.cancel(order));
      assertThat(cancel.statusCode()).as(cancel.bodyAsString()).isEqualTo(202);
      assertThat(cancel.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLING_CHECKOUT");
      held.rollback();
    }
    steps.awaitStatus(order, "CANCELLED");
    assertThat(steps.checkoutStatus(order)).isEqualTo("FAILED");
    assertThat(scalar("SELECT count(*) FROM orders_schema.payments WHERE order_id = ?", order.id()))
        .as("payments").isZero();
    assertNothingHeldOrSold(order);
  }

  @Test
  @DisplayName("cancelled while the gateway takes the payment: CANCELLED, the payment voided, no charge, stock"
      + " released")
  void cancelWhilePaying() {
    // tok_timeout: the simulated gateway never answers, so the saga waits in INVENTORY_RESERVED
    Order order = steps.checkouts(products, 1, "tok_timeout").get(0);
    steps.awaitStatus(order, "INVENTORY_RESERVED");
    await().atMost(PATIENCE).until(() ->
        scalar("SELECT count(*) FROM orders_schema.payments WHERE order_id = ? AND status = 'PENDING'", order.id())
            == 1);
    var cancel = Await.result(steps.cancel(order));
    assertThat(cancel.statusCode()).as(cancel.bodyAsString()).isEqualTo(202);
    steps.awaitStatus(order, "CANCELLED");
    assertThat(steps.checkoutStatus(order)).isEqualTo("FAILED");
    // a charge may have been in flight: the refund sweep asks the gateway, which holds none
    await().atMost(PATIENCE).until(() -> scalar("SELECT count(*) FROM orders_schema.payments WHERE order_id = ?"
        + " AND status = 'VOIDED' AND refunded_cents = 0", order.id()) == 1);
    assertThat(scalar("SELECT count(*) FROM orders_schema.outbox WHERE correlation_id = ?"
        + " AND event_type IN ('PaymentProcessed', 'PaymentRefundRequested', 'PaymentRefunded')", order.id()))
        .as("charge or refund events").isZero();
    assertThat(scalar("SELECT count(*) FROM catalog_schema.inventory_reservations WHERE order_id = ?"
        + " AND status = 'RELEASED'", order.id())).as("released reservation lines").isEqualTo(products.size());
    assertNothingHeldOrSold(order);
  }

  @Test
  @DisplayName("each request the state refuses is a 409 problem naming the state, and changes nothing")
  void wrongStatesAreConflicts() {
    List<Order> orders = steps.checkouts(products, 2, "tok_visa");
    Order shipped = orders.get(0);
    Order cancelled = orders.get(1);
    orders.forEach(o -> steps.awaitStatus(o, "CONFIRMED"));

    steps.assertConflict(Await.result(steps.deliver(shipped)), shipped, "CONFIRMED");
    assertThat(Await.result(steps.ship(shipped)).statusCode()).isEqualTo(200);
    steps.assertConflict(Await.result(steps.refund(shipped, false)), shipped, "SHIPPED");
    steps.assertConflict(Await.result(steps.cancel(shipped)), shipped, "SHIPPED");
    assertThat(Await.result(steps.deliver(shipped)).statusCode()).isEqualTo(200);
    steps.assertConflict(Await.result(steps.cancel(shipped)), shipped, "DELIVERED");

    assertThat(Await.result(steps.cancel(cancelled)).statusCode()).isEqualTo(202);
    steps.awaitStatus(cancelled, "CANCELLED");
    steps.assertConflict(Await.result(steps.ship(cancelled)), cancelled, "CANCELLED");
    steps.assertConflict(Await.result(steps.deliver(cancelled)), cancelled, "CANCELLED");
    steps.assertConflict(Await.result(steps.refund(cancelled, true)), cancelled, "CANCELLED");

    // a refused request leaves no trace in the saga's history
    assertThat(scalar("SELECT count(*) FROM orders_schema.saga_events WHERE order_id = ? AND input IN"
        + " ('CANCEL_REQUESTED', 'REFUND_REQUESTED', 'RESTOCK_REFUND_REQUESTED')", shipped.id())).isZero();
    assertThat(scalar("SELECT count(*) FROM orders_schema.saga_events WHERE order_id = ? AND input IN"
        + " ('SHIP_REQUESTED', 'DELIVERY_CONFIRMED', 'REFUND_REQUESTED', 'RESTOCK_REFUND_REQUESTED')",
        cancelled.id())).isZero();
    JsonObject seen = Await.result(prost.client("orders").get("/api/orders/" + shipped.id())
        .putHeader("Authorization", "Bearer " + shipped.token()).send()).bodyAsJsonObject();
    List<String> history = seen.getJsonArray("history").stream()
        .map(entry -> ((JsonObject) entry).getString("state")).toList();
    assertThat(history).as("the customer's history").endsWith("CONFIRMED", "SHIPPED", "DELIVERED")
        .doesNotContain("CANCELLING", "CANCELLED", "REFUNDING");
  }

  // the checkout kept nothing: no unit held or sold for it, stock on hand as seeded
  private static void assertNothingHeldOrSold(Order order) {
    assertThat(scalar("SELECT count(*) FROM catalog_schema.inventory_reservations WHERE order_id = ?"
        + " AND status <> 'RELEASED'", order.id())).as("reservation lines not released").isZero();
    for (UUID product : products) {
      assertThat(scalar("SELECT stock_reserved FROM catalog_schema.products WHERE id = ?", product)).isZero();
    }
  }

  /** The admin's connection holding {@code product}'s row lock until it is rolled back or closed. */
  private static Connection lockProduct(UUID product) throws SQLException {
    DatabaseConfig config = db.config();
    Connection conn = DriverManager.getConnection(config.adminJdbcUrl(config.database()), config.adminUser(),
        config.adminPassword());
    conn.setAutoCommit(false);
    try (PreparedStatement lock = conn.prepareStatement(
        "SELECT 1 FROM catalog_schema.products WHERE id = ? FOR UPDATE")) {
      lock.setObject(1, product);
      lock.executeQuery().close();
    }
    return conn;
  }

  private static long scalar(String sql, UUID id) {
    return db.adminScalar(sql.replace("?", "'" + id + "'"));
  }
}
