package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.PaymentRequested;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReservationFailed;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The orders service alone, with the test playing cart (it publishes the checkouts) and
 * catalog (it answers OrderPlaced and OrderFailed from the orders outbox, as catalog would).
 * The payment verticle and the simulated gateway are the real ones.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Checkout saga: every path to CONFIRMED or FAILED")
class SagaFlowTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private OrdersFixture orders;
  private final UUID user = UUID.randomUUID();
  private final UUID teapot = UUID.randomUUID();
  private final UUID kettle = UUID.randomUUID();

  private OrdersFixture start(Vertx vertx, Map<String, String> env) {
    orders = new OrdersFixture(vertx, db, env).start();
    return orders;
  }

  @AfterEach
  void stop() {
    if (orders != null) {
      orders.stop();
    }
  }

  /** Publishes a checkout of two lines, as cart would; answers the order id. */
  private EventEnvelope checkout(String paymentToken) {
    UUID orderId = UUID.randomUUID();
    List<PricedLine> lines = List.of(new PricedLine(teapot, 2, 2599), new PricedLine(kettle, 1, 4900));
    EventEnvelope envelope = EventEnvelope.first("cart", orderId, new CartCheckoutInitiated(orderId,
        UUID.randomUUID(), user, lines, 2 * 2599 + 4900, "EUR", paymentToken));
    orders.publish(envelope);
    awaitEmitted(orderId, "OrderPlaced");
    return envelope;
  }

  private void awaitEmitted(UUID orderId, String type) {
    await().atMost(PATIENCE).until(() -> orders.emittedTypes(orderId).contains(type));
  }

  private void awaitState(UUID orderId, String state) {
    await().atMost(PATIENCE).until(() -> state.equals(orders.state(orderId)));
  }

  private EventEnvelope placed(UUID orderId) {
    return orders.emitted(orderId).stream().filter(e -> e.metadata().eventType().equals("OrderPlaced")).findFirst()
        .orElseThrow();
  }

  private void reserve(UUID orderId) {
    orders.publish(placed(orderId).reply("catalog", new StockReserved(orderId,
        List.of(new StockLine(teapot, 2), new StockLine(kettle, 1)), Instant.now().plusSeconds(600))));
  }

  private void release(UUID orderId) {
    EventEnvelope failed = orders.emitted(orderId).stream()
        .filter(e -> e.metadata().eventType().equals("OrderFailed")).findFirst().orElseThrow();
    orders.publish(failed.reply("catalog", new StockReleased(orderId, List.of(new StockLine(teapot, 2)))));
  }

  private static UUID id(EventEnvelope checkout) {
    return ((CartCheckoutInitiated) checkout.event()).orderId();
  }

  private List<String> history(UUID orderId) {
    return orders.emittedTypes(orderId);
  }

  @Test
  void happyPathEndsConfirmedWithOneChargeAndTheWholeHistory(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = id(checkout("tok_visa"));
    assertThat(orders.state(orderId)).isEqualTo("CART_VALIDATED");

    reserve(orderId);
    awaitState(orderId, "CONFIRMED");

    assertThat(history(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "PaymentProcessed",
        "OrderConfirmed");
    assertThat(orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")).isEqualTo("PROCESSED");
    assertThat(orders.gateway.chargeCalls(orderId)).isEqualTo(1);
    assertThat(orders.text("SELECT string_agg(to_state, ',' ORDER BY id) FROM saga_events WHERE order_id = '"
        + orderId + "' AND outcome = 'applied'"))
        .isEqualTo("PENDING,CART_VALIDATED,INVENTORY_RESERVED,PAYMENT_PROCESSED,CONFIRMED");
    assertThat(orders.text("SELECT status FROM orders WHERE id = '" + orderId + "'")).isEqualTo("CONFIRMED");
    // every event of the checkout carries its id as the correlation id
    assertThat(orders.emitted(orderId)).allMatch(e -> e.metadata().correlationId().equals(orderId));
    assertThat(orders.scalar("SELECT count(*) FROM saga_compensation_log")).isZero();
  }

  @Test
  void aLineOutOfStockFailsTheOrderWithoutAnyPayment(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = id(checkout("tok_visa"));
    orders.publish(placed(orderId).reply("catalog", new StockReservationFailed(orderId,
        List.of(new ShortLine(kettle, 1, 0)), "insufficient stock")));
    awaitState(orderId, "COMPENSATING");
    awaitEmitted(orderId, "OrderFailed");

    release(orderId);
    awaitState(orderId, "FAILED");

    assertThat(history(orderId)).containsExactly("OrderPlaced", "OrderFailed");
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .startsWith("out of stock: insufficient stock").contains(kettle.toString());
    assertThat(orders.scalar("SELECT count(*) FROM payments")).isZero();
    assertThat(orders.gateway.chargeCalls(orderId)).isZero();
    assertThat(orders.text("SELECT string_agg(action || ':' || outcome, ',' ORDER BY id) FROM saga_compensation_log"
        + " WHERE order_id = '" + orderId + "'"))
        .isEqualTo("release stock:requested (OrderFailed),reopen cart:requested (OrderFailed)");
  }

  @Test
  void aDeclinedPaymentFailsTheOrderAndReleasesTheStock(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = id(checkout("tok_decline"));
    reserve(orderId);
    awaitEmitted(orderId, "OrderFailed");
    assertThat(orders.state(orderId)).isEqualTo("COMPENSATING");
    OrderFailed failed = (OrderFailed) orders.emitted(orderId).get(3).event();
    assertThat(failed.reason()).isEqualTo("payment failed: card declined");

    release(orderId);
    awaitState(orderId, "FAILED");
    assertThat(history(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "PaymentFailed", "OrderFailed");
    assertThat(orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")).isEqualTo("DECLINED");
  }

  @Test
  void aGatewayThatNeverAnswersTimesOutAndNothingStaysCharged(Vertx vertx) {
    start(vertx, Map.of("PROST_SAGA_PAYMENT_TIMEOUT", "1s"));
    UUID orderId = id(checkout("tok_timeout"));
    reserve(orderId);
    awaitEmitted(orderId, "OrderFailed");
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("payment timeout");

    release(orderId);
    awaitState(orderId, "FAILED");
    assertThat(history(orderId)).containsExactly("OrderPlaced", "PaymentRequested", "OrderFailed");
    assertThat(orders.gateway.chargeCalls(orderId)).isEqualTo(1);
    // the charge in flight was voided; the refund sweep finds nothing was ever taken
    await().atMost(PATIENCE).until(() -> "VOIDED".equals(
        orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")));
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    assertThat(orders.text("SELECT string_agg(action || ':' || outcome, ',' ORDER BY id) FROM saga_compensation_log"
        + " WHERE order_id = '" + orderId + "'"))
        .startsWith("void payment:refund required,release stock:requested (OrderFailed)");
  }

  @Test
  void stockReservedAfterTheSagaTimedOutIsRecordedAndIgnored(Vertx vertx) {
    start(vertx, Map.of("PROST_SAGA_RESERVATION_TIMEOUT", "1s"));
    UUID orderId = id(checkout("tok_visa"));
    awaitState(orderId, "COMPENSATING");
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("reservation timeout");

    reserve(orderId);
    await().atMost(PATIENCE).until(() -> orders.scalar("SELECT count(*) FROM saga_events WHERE order_id = '"
        + orderId + "' AND input = 'STOCK_RESERVED' AND outcome = 'ignored'") == 1);
    assertThat(orders.state(orderId)).isEqualTo("COMPENSATING");
    assertThat(history(orderId)).containsExactly("OrderPlaced", "OrderFailed");
    assertThat(orders.scalar("SELECT count(*) FROM payments")).isZero();

    release(orderId);
    awaitState(orderId, "FAILED");
  }

  @Test
  void paymentRequestedTwiceChargesOnce(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = id(checkout("tok_visa"));
    reserve(orderId);
    awaitState(orderId, "CONFIRMED");
    EventEnvelope request = orders.emitted(orderId).get(1);
    assertThat(request.event()).isInstanceOf(PaymentRequested.class);

    // the same message again (the inbox drops it) and the same request under a new event id
    orders.publish(request);
    EventEnvelope resent = placed(orderId).reply("orders", request.event());
    orders.publish(resent);
    await().atMost(PATIENCE).until(() -> orders.scalar("SELECT count(*) FROM processed_events WHERE event_id = '"
        + resent.metadata().eventId() + "'") == 1);

    assertThat(orders.gateway.chargeCalls(orderId)).isEqualTo(1);
    assertThat(orders.scalar("SELECT attempts FROM payments WHERE order_id = '" + orderId + "'")).isEqualTo(1);
    assertThat(history(orderId)).containsOnlyOnce("PaymentProcessed");
  }

  @Test
  void compensationThatNeverFinishesEndsFailedWithCompensationTimeout(Vertx vertx) {
    start(vertx, Map.of("PROST_SAGA_COMPENSATION_TIMEOUT", "1s"));
    UUID orderId = id(checkout("tok_decline"));
    reserve(orderId);
    awaitState(orderId, "FAILED");
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("compensation timeout (payment failed: card declined)");
    assertThat(orders.text("SELECT completion FROM saga_compensation_log WHERE order_id = '" + orderId
        + "' AND action = 'release stock'")).isEqualTo("timed out waiting for StockReleased");

    // the late StockReleased is recorded and ignored
    release(orderId);
    await().atMost(PATIENCE).until(() -> orders.scalar("SELECT count(*) FROM saga_events WHERE order_id = '"
        + orderId + "' AND input = 'STOCK_RELEASED' AND outcome = 'ignored'") == 1);
  }

  @Test
  void aCheckoutWhoseTotalIsWrongBecomesAFailedOrderTheCartHearsAbout(Vertx vertx) {
    start(vertx, Map.of());
    UUID orderId = UUID.randomUUID();
    orders.publish(EventEnvelope.first("cart", orderId, new CartCheckoutInitiated(orderId, UUID.randomUUID(), user,
        List.of(new PricedLine(teapot, 1, 100)), 99, "EUR", "tok_visa")));
    awaitState(orderId, "FAILED");
    assertThat(history(orderId)).containsExactly("OrderFailed");
    assertThat(orders.text("SELECT failure_reason FROM orders WHERE id = '" + orderId + "'"))
        .isEqualTo("total 99 is not the sum of the lines (100)");
  }

  @Test
  void theSameCheckoutUnderANewEventIdStartsNothingNew(Vertx vertx) {
    start(vertx, Map.of());
    EventEnvelope first = checkout("tok_visa");
    UUID orderId = id(first);
    EventEnvelope again = EventEnvelope.first("cart", orderId, first.event());
    orders.publish(again);
    await().atMost(PATIENCE).until(() -> orders.scalar("SELECT count(*) FROM saga_events WHERE order_id = '"
        + orderId + "' AND input = 'CHECKOUT_INITIATED' AND outcome = 'ignored'") == 1);
    assertThat(history(orderId)).containsExactly("OrderPlaced");
    assertThat(orders.scalar("SELECT count(*) FROM orders")).isEqualTo(1);
  }
}
