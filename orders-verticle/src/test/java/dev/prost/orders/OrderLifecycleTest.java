package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.orders.store.Payments;
import dev.prost.orders.testing.SagaInvariants;
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
import java.util.Optional;
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

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private OrdersFixture orders;
  private LifecycleSteps steps;

  private void start(Vertx vertx, Map<String, String> env) {
    orders = new OrdersFixture(vertx, db, env).start();
    steps = new LifecycleSteps(orders);
  }

  private HttpResponse<Buffer> post(UUID orderId, String action, String token, JsonObject body) {
    return steps.post(orderId, action, token, body);
  }

  private String admin() {
    return steps.admin();
  }

  @AfterEach
  void stop() {
    if (orders != null) {
      orders.stop();
    }
  }

  @Test
  @DisplayName("cancel while reserving: compensated like a failure, CANCELLED, nothing charged")
  void cancelWhileReserving(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = steps.checkout("tok_visa");
    HttpResponse<Buffer> cancel = post(orderId, "cancel", steps.customer(), null);
    assertThat(cancel.statusCode()).as(cancel.bodyAsString()).isEqualTo(202);
    assertThat(cancel.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLING_CHECKOUT");
    steps.awaitEmitted(orderId, "OrderFailed");

    // the reservation lands late and is ignored; catalog answers OrderFailed by releasing it
    steps.reply(orderId, "OrderPlaced", new StockReserved(orderId, List.of(new StockLine(steps.teapot, 2)),
        Instant.now().plusSeconds(600)));
    steps.reply(orderId, "OrderFailed", new StockReleased(orderId, List.of(new StockLine(steps.teapot, 2))));
    steps.awaitState(orderId, "CANCELLED");

    assertThat(orders.emittedTypes(orderId)).containsExactly("OrderPlaced", "OrderFailed", "OrderCancelled");
    assertThat(orders.scalar("SELECT count(*) FROM payments")).isZero();
    assertThat(steps.history(orderId)).containsExactly("PENDING", "CART_VALIDATED", "CANCELLING_CHECKOUT", "CANCELLED");
    assertThat(steps.compensationLog(orderId))
        .isEqualTo("release stock:released (StockReleased),reopen cart:requested (OrderFailed)");
  }

  @Test
  @DisplayName("cancel while paying: the payment is voided (a late charge refunded), CANCELLED")
  void cancelWhilePaying(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = steps.checkout("tok_timeout");
    steps.reply(orderId, "OrderPlaced", new StockReserved(orderId, List.of(new StockLine(steps.teapot, 2)),
        Instant.now().plusSeconds(600)));
    steps.awaitState(orderId, "INVENTORY_RESERVED");
    await().atMost(LifecycleSteps.PATIENCE).until(() -> orders.gateway.chargeCalls(orderId) == 1);

    assertThat(post(orderId, "cancel", steps.customer(), null).statusCode()).isEqualTo(202);
    steps.awaitEmitted(orderId, "OrderFailed");
    steps.reply(orderId, "OrderFailed", new StockReleased(orderId, List.of(new StockLine(steps.teapot, 2))));
    steps.awaitState(orderId, "CANCELLED");
    await().atMost(LifecycleSteps.PATIENCE).until(() -> "VOIDED".equals(
        orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")));
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("cancelled by the customer");
  }

  @Test
  @DisplayName("cancel after confirmation: refunded once, units returned, CANCELLED; 20 concurrent cancels refund once")
  void cancelAfterConfirmationManyTimesAtOnce(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = steps.confirmed();
    List<Future<HttpResponse<Buffer>>> cancels = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cancels.add(orders.client.post("/api/orders/" + orderId + "/cancel")
          .putHeader("Authorization", "Bearer " + steps.customer()).send());
    }
    Await.result(Future.join(cancels));
    assertThat(cancels).allSatisfy(c -> assertThat(c.result().statusCode()).isEqualTo(202));

    steps.answerStockReturns(orderId);
    steps.awaitState(orderId, "CANCELLED");
    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    assertThat(orders.scalar("SELECT refunded_cents FROM payments WHERE order_id = '" + orderId + "'"))
        .isEqualTo(2 * 2599);
    assertThat(orders.emittedTypes(orderId)).containsOnlyOnce("PaymentRefundRequested", "PaymentRefunded",
        "StockReturnRequested", "OrderCancelled");
    assertThat(steps.history(orderId)).containsExactly("PENDING", "CART_VALIDATED", "INVENTORY_RESERVED",
        "PAYMENT_PROCESSED", "CONFIRMED", "CANCELLING", "CANCELLING_RESTOCK", "CANCELLED");
    assertThat(steps.compensationLog(orderId))
        .isEqualTo("refund payment:refunded (PaymentRefunded),return stock:returned (StockReturned)");
    JsonObject order = post(orderId, "cancel", steps.customer(), null).bodyAsJsonObject();
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(order.getLong("refunded_cents")).isEqualTo(2 * 2599);
    assertThat(orders.scalar("SELECT count(*) FROM payment_refunds WHERE order_id = '" + orderId + "'")).isEqualTo(1);
    SagaInvariants.assertHold(refundChecks());

    // a second refund at the provider (another reference) is recorded, and the invariants see it
    Await.result(orders.pool.withTransaction(conn -> new Payments().finishRefund(conn, orderId,
        Optional.of("re_second"))));
    assertThat(refundChecks()).filteredOn(c -> c.violations() != 0).extracting(SagaInvariants.Check::name)
        .containsExactlyInAnyOrder("refunds differing from charges", "payments refunded more than once");
  }

  private List<SagaInvariants.Check> refundChecks() {
    return SagaInvariants.of(db::adminScalar).refundChecks();
  }

  @Test
  @DisplayName("a refund whose answer never comes is requested again after the return timeout: refunded once,"
      + " CANCELLED")
  void refundTimeoutIsRetried(Vertx vertx) {
    start(vertx, Map.of("PROST_PAYMENT_REFUND_UNANSWERED", "1", "PROST_SAGA_RETURN_TIMEOUT", "1s",
        "PROST_PAYMENT_CALL_TIMEOUT", "2s"));
    UUID orderId = steps.confirmed();
    assertThat(post(orderId, "cancel", steps.customer(), null).statusCode()).isEqualTo(202);
    // the first call returned the money and its answer was lost: the payment waits in REFUNDING
    await().atMost(LifecycleSteps.PATIENCE).until(() -> orders.gateway.refunds(orderId) == 1);
    assertThat(orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")).isEqualTo("REFUNDING");
    await().atMost(LifecycleSteps.PATIENCE).until(() -> orders.emittedTypes(orderId).stream()
        .filter("PaymentRefundRequested"::equals).count() >= 2);
    steps.answerStockReturns(orderId);
    steps.awaitState(orderId, "CANCELLED");

    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    assertThat(orders.scalar("SELECT count(*) FROM payment_refunds WHERE order_id = '" + orderId + "'")).isEqualTo(1);
    assertThat(orders.scalar("SELECT refunded_cents FROM payments WHERE order_id = '" + orderId + "'"))
        .isEqualTo(LifecycleSteps.TOTAL);
    assertThat(steps.history(orderId)).endsWith("CONFIRMED", "CANCELLING", "CANCELLING_RESTOCK", "CANCELLED");
    SagaInvariants.assertHold(refundChecks());
  }

  @Test
  @DisplayName("a refund or a stock return left unanswered is requested again, and money goes back once")
  void unansweredStepsAreRequestedAgain(Vertx vertx) {
    start(vertx, Map.of("PROST_SAGA_RETURN_TIMEOUT", "1s"));
    UUID orderId = steps.confirmed();
    assertThat(post(orderId, "cancel", steps.customer(), null).statusCode()).isEqualTo(202);
    await().atMost(LifecycleSteps.PATIENCE).until(() -> orders.emittedTypes(orderId).stream()
        .filter("StockReturnRequested"::equals).count() >= 2);
    steps.answerStockReturns(orderId);
    steps.awaitState(orderId, "CANCELLED");
    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("cancelled by the customer");
    assertThat(orders.scalar("SELECT count(*) FROM saga_compensation_log WHERE order_id = '" + orderId
        + "' AND completed_at IS NULL")).isZero();
    // the history shows each state once, however often its request was sent
    assertThat(steps.history(orderId)).endsWith("CONFIRMED", "CANCELLING", "CANCELLING_RESTOCK", "CANCELLED");
  }

  @Test
  @DisplayName("ship, deliver, refund without restock; each repeat answers the order; wrong states are 409")
  void shipDeliverRefund(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = steps.confirmed();
    JsonObject parcel = new JsonObject().put("carrier", "DHL").put("tracking_number", "JD0146");

    assertThat(post(orderId, "deliver", admin(), null).statusCode()).isEqualTo(409);
    assertThat(post(orderId, "refund", admin(), new JsonObject()).statusCode()).isEqualTo(409);
    assertThat(post(orderId, "ship", steps.customer(), parcel).statusCode()).isEqualTo(403);
    assertThat(post(orderId, "ship", admin(), new JsonObject().put("carrier", "DHL")).statusCode()).isEqualTo(400);

    HttpResponse<Buffer> shipped = post(orderId, "ship", admin(), parcel);
    assertThat(shipped.statusCode()).as(shipped.bodyAsString()).isEqualTo(200);
    assertThat(shipped.bodyAsJsonObject().getString("status")).isEqualTo("SHIPPED");
    assertThat(shipped.bodyAsJsonObject().getString("tracking_number")).isEqualTo("JD0146");
    assertThat(post(orderId, "ship", admin(), parcel).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> cancel = post(orderId, "cancel", steps.customer(), null);
    assertThat(cancel.statusCode()).isEqualTo(409);
    assertThat(cancel.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(cancel.bodyAsJsonObject().getString("detail")).contains("SHIPPED");

    assertThat(post(orderId, "deliver", admin(), null).bodyAsJsonObject().getString("status")).isEqualTo("DELIVERED");
    assertThat(post(orderId, "deliver", admin(), null).statusCode()).isEqualTo(200);
    assertThat(post(orderId, "refund", admin(), new JsonObject().put("restock", false)).statusCode()).isEqualTo(202);
    steps.awaitState(orderId, "REFUNDED");
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
    // the admin list finds it by its status, and offers no filter for a state no order rests in
    assertThat(steps.list("status=REFUNDED").getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("id"))).containsExactly(orderId.toString());
    assertThat(orders.get("/api/orders?status=PAYMENT_PROCESSED", admin()).statusCode()).isEqualTo(400);
    assertThat(steps.list("status=SHIPPED").getInteger("total")).isZero();
  }

  @Test
  @DisplayName("a refund with restock returns the units after the money, then REFUNDED")
  void refundWithRestock(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = steps.confirmed();
    post(orderId, "ship", admin(), new JsonObject().put("carrier", "UPS").put("tracking_number", "1Z"));
    post(orderId, "deliver", admin(), null);
    assertThat(post(orderId, "refund", admin(), new JsonObject().put("restock", true)).statusCode()).isEqualTo(202);
    steps.awaitState(orderId, "RESTOCKING");
    StockReturnRequested request = (StockReturnRequested) orders.emitted(orderId).stream()
        .filter(e -> e.event() instanceof StockReturnRequested).findFirst().orElseThrow().event();
    assertThat(request.items()).containsExactly(new StockLine(steps.teapot, 2));
    steps.answerStockReturns(orderId);
    steps.awaitState(orderId, "REFUNDED");
    assertThat(steps.history(orderId)).endsWith("DELIVERED", "REFUNDING_RESTOCK", "RESTOCKING", "REFUNDED");
    OrderRefunded refunded = (OrderRefunded) orders.emitted(orderId).stream()
        .filter(e -> e.event() instanceof OrderRefunded).findFirst().orElseThrow().event();
    assertThat(refunded.restocked()).isTrue();
    assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName("another customer's order is 404 for every request; an admin may cancel it")
  void anotherCustomersOrder(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = steps.confirmed();
    String mallory = orders.token(UUID.randomUUID());
    assertThat(post(orderId, "cancel", mallory, null).statusCode()).isEqualTo(404);
    assertThat(post(UUID.randomUUID(), "cancel", steps.customer(), null).statusCode()).isEqualTo(404);
    assertThat(post(UUID.randomUUID(), "deliver", admin(), null).statusCode()).isEqualTo(404);
    assertThat(orders.state(orderId)).isEqualTo("CONFIRMED");
    assertThat(post(orderId, "cancel", admin(), null).bodyAsJsonObject().getString("status")).isEqualTo("CANCELLING");
  }
}
