package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.orders.testing.SagaInvariants;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests racing each other and the saga's own events, over several orders, with the test's
 * client keeping every request of a race in flight at once ({@link OrdersFixture#CONCURRENT_REQUESTS}).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Order lifecycle races: cancel against confirmation, cancel against ship")
class OrderRacesTest {

  private static final int CANCELS = 10;

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private OrdersFixture orders;
  private LifecycleSteps steps;

  private void start(Vertx vertx, Map<String, String> env) {
    orders = new OrdersFixture(vertx, db, env).start();
    steps = new LifecycleSteps(orders);
  }

  @AfterEach
  void stop() {
    if (orders != null) {
      orders.stop();
    }
  }

  private List<Future<HttpResponse<Buffer>>> cancels(UUID orderId) {
    List<Future<HttpResponse<Buffer>>> cancels = new ArrayList<>();
    for (int i = 0; i < CANCELS; i++) {
      cancels.add(steps.postAsync(orderId, "cancel", steps.customer(), null));
    }
    return cancels;
  }

  private static void assertAll(List<Future<HttpResponse<Buffer>>> requests, int status) {
    Await.result(Future.join(new ArrayList<>(requests)));
    assertThat(requests).allSatisfy(r -> assertThat(r.result().statusCode()).as(r.result().bodyAsString())
        .isEqualTo(status));
  }

  @Test
  @DisplayName("cancel racing the payment's answer: per order either CONFIRMED then CANCELLED with one refund,"
      + " or never CONFIRMED and no charge kept; both happen")
  void cancelRacingConfirmation(Vertx vertx) {
    start(vertx, Map.of("PROST_PAYMENT_CALL_TIMEOUT", "60s"));
    orders.gateway.holdCharges(true);
    List<UUID> cancelFirst = new ArrayList<>();
    List<UUID> racing = new ArrayList<>();
    List<UUID> confirmFirst = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      UUID orderId = steps.checkout("tok_visa");
      steps.reserve(orderId);
      (i % 3 == 0 ? cancelFirst : i % 3 == 1 ? racing : confirmFirst).add(orderId);
    }
    List<UUID> all = new ArrayList<>(cancelFirst);
    all.addAll(racing);
    all.addAll(confirmFirst);
    // every charge was made and its answer is held: PaymentProcessed is yet to be published
    all.forEach(id -> await().atMost(LifecycleSteps.PATIENCE).until(() -> orders.gateway.holdsAnswer(id)));

    // cancelled while the answer is held, then the answer comes: the late charge is refunded
    for (UUID orderId : cancelFirst) {
      assertAll(cancels(orderId), 202);
      assertThat(orders.state(orderId)).isEqualTo("CANCELLING_CHECKOUT");
      orders.gateway.release(orderId);
    }
    // cancels fired as the answer is released: either outcome, but one
    List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
    for (UUID orderId : racing) {
      orders.gateway.release(orderId);
      inFlight.addAll(cancels(orderId));
    }
    assertAll(inFlight, 202);
    // confirmed first (PaymentProcessed applied), then the cancels: refunded after confirmation
    for (UUID orderId : confirmFirst) {
      orders.gateway.release(orderId);
      steps.awaitState(orderId, "CONFIRMED");
      assertAll(cancels(orderId), 202);
    }

    Set<String> outcomes = new TreeSet<>();
    for (UUID orderId : all) {
      outcomes.add(settle(orderId));
    }
    assertThat(outcomes).containsExactly("cancelled after confirmation", "cancelled before confirmation");
    for (UUID orderId : cancelFirst) {
      assertThat(steps.history(orderId)).doesNotContain("CONFIRMED");
    }
    for (UUID orderId : confirmFirst) {
      assertThat(steps.history(orderId)).contains("CONFIRMED");
    }
    SagaInvariants.assertHold(SagaInvariants.of(db::adminScalar).refundChecks());
  }

  // plays catalog to the end of the order's cancellation, checks it is one consistent outcome, names it
  private String settle(UUID orderId) {
    await().atMost(LifecycleSteps.PATIENCE).until(() -> Set.of("CANCELLING_CHECKOUT", "CANCELLING_RESTOCK")
        .contains(orders.state(orderId)));
    boolean confirmed = orders.state(orderId).equals("CANCELLING_RESTOCK");
    if (confirmed) {
      steps.answerStockReturns(orderId);
    } else {
      steps.release(orderId);
    }
    steps.awaitState(orderId, "CANCELLED");
    List<String> history = steps.history(orderId);
    long refundRows = orders.scalar("SELECT count(*) FROM payment_refunds WHERE order_id = '" + orderId + "'");
    if (confirmed) {
      assertThat(history).as(orderId.toString()).endsWith("PAYMENT_PROCESSED", "CONFIRMED", "CANCELLING",
          "CANCELLING_RESTOCK", "CANCELLED");
      assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
      assertThat(refundRows).isEqualTo(1);
      assertThat(orders.scalar("SELECT refunded_cents FROM payments WHERE order_id = '" + orderId + "'"))
          .isEqualTo(LifecycleSteps.TOTAL);
    } else {
      assertThat(history).as(orderId.toString()).doesNotContain("PAYMENT_PROCESSED", "CONFIRMED")
          .endsWith("CANCELLING_CHECKOUT", "CANCELLED");
      // the charge made after the cancel is given back by the refund sweep
      await().atMost(LifecycleSteps.PATIENCE).until(() -> !orders.gateway.holdsCharge(orderId));
      await().atMost(LifecycleSteps.PATIENCE).until(() -> "REFUNDED".equals(
          orders.text("SELECT status FROM payments WHERE order_id = '" + orderId + "'")));
      assertThat(orders.gateway.refunds(orderId)).isEqualTo(1);
      assertThat(refundRows).isEqualTo(1);
      assertThat(orders.emittedTypes(orderId)).doesNotContain("OrderConfirmed", "PaymentRefundRequested");
    }
    assertThat(orders.gateway.holdsCharge(orderId)).isFalse();
    return confirmed ? "cancelled after confirmation" : "cancelled before confirmation";
  }

  @Test
  @DisplayName("cancel racing ship over several orders, each side first in turn: per order exactly one side wins,"
      + " the first in the row lock's queue; every other request of the losing side gets 409")
  void cancelRacingShip(Vertx vertx) {
    start(vertx, Map.of());
    JsonObject parcel = new JsonObject().put("carrier", "DHL").put("tracking_number", "X1");
    List<String> winners = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      UUID orderId = steps.confirmed();
      boolean shipFirst = round % 2 == 0;
      List<Future<HttpResponse<Buffer>>> cancels = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> ships = new ArrayList<>();
      // the saga row held: the first request queues on its lock, then all the others behind it
      SqlConnection holder = Await.result(orders.pool.getConnection());
      Transaction lock = Await.result(holder.begin());
      Await.result(holder.preparedQuery("SELECT 1 FROM saga_state WHERE order_id = $1 FOR UPDATE")
          .execute(Tuple.of(orderId)));
      (shipFirst ? ships : cancels).add(shipFirst ? steps.postAsync(orderId, "ship", steps.admin(), parcel)
          : steps.postAsync(orderId, "cancel", steps.customer(), null));
      await().atMost(LifecycleSteps.PATIENCE).until(() -> waitingOnLocks() >= 1);
      while (cancels.size() < CANCELS || ships.size() < CANCELS) {
        if (cancels.size() < CANCELS) {
          cancels.add(steps.postAsync(orderId, "cancel", steps.customer(), null));
        }
        if (ships.size() < CANCELS) {
          ships.add(steps.postAsync(orderId, "ship", steps.admin(), parcel));
        }
      }
      await().atMost(LifecycleSteps.PATIENCE).until(() -> waitingOnLocks() >= 2);
      Await.result(lock.commit());
      Await.result(holder.close());

      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>(cancels);
      all.addAll(ships);
      Await.result(Future.join(new ArrayList<>(all)));
      boolean cancelWon = cancels.stream().anyMatch(c -> c.result().statusCode() == 202);
      boolean shipWon = ships.stream().anyMatch(s -> s.result().statusCode() == 200);
      assertThat(cancelWon).as("exactly one side wins").isNotEqualTo(shipWon);
      winners.add(cancelWon ? "cancel" : "ship");
      if (cancelWon) {
        assertAll(cancels, 202);
        assertAll(ships, 409);
        steps.answerStockReturns(orderId);
        steps.awaitState(orderId, "CANCELLED");
        assertThat(orders.emittedTypes(orderId)).doesNotContain("OrderShipped");
      } else {
        assertAll(ships, 200);
        assertAll(cancels, 409);
        assertThat(orders.state(orderId)).isEqualTo("SHIPPED");
        assertThat(orders.emittedTypes(orderId)).doesNotContain("PaymentRefundRequested", "OrderCancelled");
      }
      assertThat(orders.scalar("SELECT count(*) FROM saga_events WHERE order_id = '" + orderId
          + "' AND to_state IN ('SHIPPED', 'CANCELLED', 'CANCELLING') AND outcome = 'applied'"))
          .isEqualTo(cancelWon ? 2 : 1);
    }
    assertThat(winners).containsExactly("ship", "cancel", "ship", "cancel", "ship", "cancel");
  }

  // sessions of this test's database waiting for a lock (the saga row's, here)
  private static long waitingOnLocks() {
    return db.adminScalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND wait_event_type = 'Lock'");
  }
}
