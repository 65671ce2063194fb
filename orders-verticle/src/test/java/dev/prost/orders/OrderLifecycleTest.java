package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderRefunded;
import dev.prost.platform.events.OrderShipped;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.events.StockReturnRequested;
import dev.prost.platform.events.StockReturned;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order after checkout, with the orders service alone: the test plays cart and catalog (it
 * publishes their events, and answers OrderFailed and StockReturnRequested as catalog would);
 * the payment verticle and the simulated gateway are the real ones.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Order lifecycle: cancel, ship, deliver, refund")
class OrderLifecycleTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private OrdersFixture orders;
  private final UUID alice = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private final UUID teapot = UUID.randomUUID();

  private void start(Vertx vertx, Map<String, String> env) {
    orders = new OrdersFixture(vertx, db, env).start();
  }

  @AfterEach
  void stop() {
    if (orders != null) {
      orders.stop();
    }
  }

  private UUID checkout(String paymentToken) {
    UUID orderId = UUID.randomUUID();
    orders.publish(EventEnvelope.first("cart", orderId, new CartCheckoutInitiated(orderId, UUID.randomUUID(), alice,
        List.of(new PricedLine(teapot, 2, 2599)), 2 * 2599, "EUR", paymentToken)));
    awaitEmitted(orderId, "OrderPlaced");
    return orderId;
  }

  private UUID confirmed() {
    UUID orderId = checkout("tok_visa");
    reply(orderId, "OrderPlaced", new StockReserved(orderId, List.of(new StockLine(teapot, 2)),
        Instant.now().plusSeconds(600)));
    awaitState(orderId, "CONFIRMED");
    return orderId;
  }

  private void reply(UUID orderId, String to, dev.prost.platform.events.Event answer) {
    EventEnvelope cause = orders.emitted(orderId).stream().filter(e -> e.metadata().eventType().equals(to))
        .reduce((a, b) -> b).orElseThrow();
    orders.publish(cause.reply("catalog", answer));
  }

  // catalog's part: each StockReturnRequested answered, with the units the first time only
  private void answerStockReturns(UUID orderId) {
    awaitEmitted(orderId, "StockReturnRequested");
    reply(orderId, "StockReturnRequested", new StockReturned(orderId, List.of(new StockLine(teapot, 2))));
  }

  private void awaitEmitted(UUID orderId, String type) {
    await().atMost(PATIENCE).until(() -> orders.emittedTypes(orderId).contains(type));
  }

  private void awaitState(UUID orderId, String state) {
    await().atMost(PATIENCE).until(() -> state.equals(orders.state(orderId)));
  }

  private HttpResponse<Buffer> post(UUID orderId, String action, String token, JsonObject body) {
    return orders.send("POST", "/api/orders/" + orderId + "/" + action, token, body);
  }

  private String admin() {
    return orders.token(bob, "admin");
  }

  private List<String> history(UUID orderId) {
    JsonObject order = orders.get("/api/orders/" + orderId, orders.token(alice)).bodyAsJsonObject();
    return order.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("state")).toList();
  }

  private String compensationLog(UUID orderId) {
    return orders.text("SELECT string_agg(action || ':' || coalesce(completion, 'open'), ',' ORDER BY id)"
        + " FROM saga_compensation_log WHERE order_id = '" + orderId + "'");
  }

  @Test
  @DisplayName("cancel while reserving: compensated like a failure, CANCELLED, nothing charged")
  void cancelWhileReserving(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = checkout("tok_visa");
    HttpResponse<Buffer> cancel = post(orderId, "cancel", orders.token(alice), null);
    assertThat(cancel.statusCode()).as(cancel.bodyAsString()).isEqualTo(202);
    assertThat(cancel.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLING_CHECKOUT");
    awaitEmitted(orderId, "OrderFailed");

    // the reservation lands late and is ignored; catalog answers OrderFailed by releasing it
    reply(orderId, "OrderPlaced", new StockReserved(orderId, List.of(new StockLine(teapot, 2)),
        Instant.now().plusSeconds(600)));
    reply(orderId, "OrderFailed", new StockReleased(orderId, List.of(new StockLine(teapot, 2))));
    awaitState(orderId, "CANCELLED");

    assertThat(orders.emittedTypes(orderId)).containsExactly("OrderPlaced", "OrderFailed", "OrderCancelled");
    assertThat(orders.scalar("SELECT count(*) FROM payments")).isZero();
    assertThat(history(orderId)).containsExactly("PENDING", "CART_VALIDATED", "CANCELLING_CHECKOUT", "CANCELLED");
    assertThat(compensationLog(orderId))
        .isEqualTo("release stock:released (StockReleased),reopen cart:requested (OrderFailed)");
  }

  @Test
  @DisplayName("cancel while paying: the payment is voided (a late charge refunded), CANCELLED")
  void cancelWhilePaying(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = checkout("tok_timeout");
    reply(orderId, "OrderPlaced", new StockReserved(orderId, List.of(new StockLine(teapot, 2)),
        Instant.now().plusSeconds(600)));
    awaitState(orderId, "INVENTORY_RESERVED");
    await().atMost(PATIENCE).until(() -> orders.gateway.chargeCalls(orderId) == 1);

    assertThat(post(orderId, "cancel", orders.token(alice), null).statusCode()).isEqualTo(202);
    awaitEmitted(orderId, "OrderFailed");
    reply(orderId, "OrderFailed", new StockReleased(orderId, List.of(new StockLine(teapot, 2))));
    awaitState(orderId, "CANCELLED");
    await().atMost(PATIENCE).until(() -> "VOIDED".equals(
        orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")));
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("cancelled by the customer");
  }

  @Test
  @DisplayName("cancel after confirmation: refunded once, units returned, CANCELLED; 20 concurrent cancels refund once")
  void cancelAfterConfirmationManyTimesAtOnce(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = confirmed();
    List<Future<HttpResponse<Buffer>>> cancels = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cancels.add(orders.client.post("/api/orders/" + orderId + "/cancel")
          .putHeader("Authorization", "Bearer " + orders.token(alice)).send());
    }
    Await.result(Future.join(cancels));
    assertThat(cancels).allSatisfy(c -> assertThat(c.result().statusCode()).isEqualTo(202));

    answerStockReturns(orderId);
    awaitState(orderId, "CANCELLED");
    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    assertThat(orders.scalar("SELECT refunded_cents FROM payments WHERE order_id = '" + orderId + "'"))
        .isEqualTo(2 * 2599);
    assertThat(orders.emittedTypes(orderId)).containsOnlyOnce("PaymentRefundRequested", "PaymentRefunded",
        "StockReturnRequested", "OrderCancelled");
    assertThat(history(orderId)).containsExactly("PENDING", "CART_VALIDATED", "INVENTORY_RESERVED", "PAYMENT_PROCESSED",
        "CONFIRMED", "CANCELLING", "CANCELLING_RESTOCK", "CANCELLED");
    assertThat(compensationLog(orderId))
        .isEqualTo("refund payment:refunded (PaymentRefunded),return stock:returned (StockReturned)");
    JsonObject order = post(orderId, "cancel", orders.token(alice), null).bodyAsJsonObject();
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(order.getLong("refunded_cents")).isEqualTo(2 * 2599);
  }

  @Test
  @DisplayName("a refund or a stock return left unanswered is requested again, and money goes back once")
  void unansweredStepsAreRequestedAgain(Vertx vertx) {
    start(vertx, Map.of("PROST_SAGA_RETURN_TIMEOUT", "1s"));
    UUID orderId = confirmed();
    assertThat(post(orderId, "cancel", orders.token(alice), null).statusCode()).isEqualTo(202);
    await().atMost(PATIENCE).until(() -> orders.emittedTypes(orderId).stream()
        .filter("StockReturnRequested"::equals).count() >= 2);
    answerStockReturns(orderId);
    awaitState(orderId, "CANCELLED");
    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("cancelled by the customer");
    assertThat(orders.scalar("SELECT count(*) FROM saga_compensation_log WHERE order_id = '" + orderId
        + "' AND completed_at IS NULL")).isZero();
    // the history shows each state once, however often its request was sent
    assertThat(history(orderId)).endsWith("CONFIRMED", "CANCELLING", "CANCELLING_RESTOCK", "CANCELLED");
  }

  @Test
  @DisplayName("ship, deliver, refund without restock; each repeat answers the order; wrong states are 409")
  void shipDeliverRefund(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = confirmed();
    JsonObject parcel = new JsonObject().put("carrier", "DHL").put("tracking_number", "JD0146");

    assertThat(post(orderId, "deliver", admin(), null).statusCode()).isEqualTo(409);
    assertThat(post(orderId, "refund", admin(), new JsonObject()).statusCode()).isEqualTo(409);
    assertThat(post(orderId, "ship", orders.token(alice), parcel).statusCode()).isEqualTo(403);
    assertThat(post(orderId, "ship", admin(), new JsonObject().put("carrier", "DHL")).statusCode()).isEqualTo(400);

    HttpResponse<Buffer> shipped = post(orderId, "ship", admin(), parcel);
    assertThat(shipped.statusCode()).as(shipped.bodyAsString()).isEqualTo(200);
    assertThat(shipped.bodyAsJsonObject().getString("status")).isEqualTo("SHIPPED");
    assertThat(shipped.bodyAsJsonObject().getString("tracking_number")).isEqualTo("JD0146");
    assertThat(post(orderId, "ship", admin(), parcel).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> cancel = post(orderId, "cancel", orders.token(alice), null);
    assertThat(cancel.statusCode()).isEqualTo(409);
    assertThat(cancel.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(cancel.bodyAsJsonObject().getString("detail")).contains("SHIPPED");

    assertThat(post(orderId, "deliver", admin(), null).bodyAsJsonObject().getString("status")).isEqualTo("DELIVERED");
    assertThat(post(orderId, "deliver", admin(), null).statusCode()).isEqualTo(200);
    assertThat(post(orderId, "refund", admin(), new JsonObject().put("restock", false)).statusCode()).isEqualTo(202);
    awaitState(orderId, "REFUNDED");
    assertThat(post(orderId, "refund", admin(), new JsonObject().put("restock", true)).statusCode()).isEqualTo(202);

    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
    assertThat(orders.emittedTypes(orderId)).doesNotContain("StockReturnRequested").containsOnlyOnce("OrderRefunded");
    OrderShipped ship = (OrderShipped) orders.emitted(orderId).stream()
        .filter(e -> e.event() instanceof OrderShipped).findFirst().orElseThrow().event();
    assertThat(ship.carrier()).isEqualTo("DHL");
    OrderRefunded refunded = (OrderRefunded) orders.emitted(orderId).stream()
        .filter(e -> e.event() instanceof OrderRefunded).findFirst().orElseThrow().event();
    assertThat(refunded.amountCents()).isEqualTo(2 * 2599);
    assertThat(refunded.restocked()).isFalse();
  }

  @Test
  @DisplayName("a refund with restock returns the units after the money, then REFUNDED")
  void refundWithRestock(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = confirmed();
    post(orderId, "ship", admin(), new JsonObject().put("carrier", "UPS").put("tracking_number", "1Z"));
    post(orderId, "deliver", admin(), null);
    assertThat(post(orderId, "refund", admin(), new JsonObject().put("restock", true)).statusCode()).isEqualTo(202);
    awaitState(orderId, "RESTOCKING");
    StockReturnRequested request = (StockReturnRequested) orders.emitted(orderId).stream()
        .filter(e -> e.event() instanceof StockReturnRequested).findFirst().orElseThrow().event();
    assertThat(request.items()).containsExactly(new StockLine(teapot, 2));
    answerStockReturns(orderId);
    awaitState(orderId, "REFUNDED");
    assertThat(history(orderId)).endsWith("DELIVERED", "REFUNDING_RESTOCK", "RESTOCKING", "REFUNDED");
    OrderRefunded refunded = (OrderRefunded) orders.emitted(orderId).stream()
        .filter(e -> e.event() instanceof OrderRefunded).findFirst().orElseThrow().event();
    assertThat(refunded.restocked()).isTrue();
    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName("another customer's order is 404 for every request; an admin may cancel it")
  void anotherCustomersOrder(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = confirmed();
    String mallory = orders.token(UUID.randomUUID());
    assertThat(post(orderId, "cancel", mallory, null).statusCode()).isEqualTo(404);
    assertThat(post(UUID.randomUUID(), "cancel", orders.token(alice), null).statusCode()).isEqualTo(404);
    assertThat(post(UUID.randomUUID(), "deliver", admin(), null).statusCode()).isEqualTo(404);
    assertThat(orders.state(orderId)).isEqualTo("CONFIRMED");
    assertThat(post(orderId, "cancel", admin(), null).bodyAsJsonObject().getString("status")).isEqualTo("CANCELLING");
  }

  @Test
  @DisplayName("cancel racing ship, many times each at once: exactly one wins, never both")
  void cancelRacingShip(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = confirmed();
    JsonObject parcel = new JsonObject().put("carrier", "DHL").put("tracking_number", "X1");
    List<Future<HttpResponse<Buffer>>> cancels = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> ships = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cancels.add(orders.client.post("/api/orders/" + orderId + "/cancel")
          .putHeader("Authorization", "Bearer " + orders.token(alice)).send());
      ships.add(orders.client.post("/api/orders/" + orderId + "/ship")
          .putHeader("Authorization", "Bearer " + admin()).sendJsonObject(parcel));
    }
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>(cancels);
    all.addAll(ships);
    Await.result(Future.join(all));
    boolean cancelWon = cancels.stream().allMatch(c -> c.result().statusCode() == 202);
    boolean shipWon = ships.stream().allMatch(s -> s.result().statusCode() == 200);
    assertThat(cancelWon).as("exactly one side wins").isNotEqualTo(shipWon);
    if (cancelWon) {
      assertThat(ships).allSatisfy(s -> assertThat(s.result().statusCode()).isEqualTo(409));
      answerStockReturns(orderId);
      awaitState(orderId, "CANCELLED");
      assertThat(orders.emittedTypes(orderId)).doesNotContain("OrderShipped");
    } else {
      assertThat(cancels).allSatisfy(c -> assertThat(c.result().statusCode()).isEqualTo(409));
      assertThat(orders.state(orderId)).isEqualTo("SHIPPED");
      assertThat(orders.emittedTypes(orderId)).doesNotContain("PaymentRefundRequested", "OrderCancelled");
    }
    assertThat(orders.scalar("SELECT count(*) FROM saga_events WHERE order_id = '" + orderId
        + "' AND to_state IN ('SHIPPED', 'CANCELLED', 'CANCELLING') AND outcome = 'applied'"))
        .isEqualTo(cancelWon ? 2 : 1);
  }
}
