package dev.prost.launcher.faults;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the load's customers and its admin do with an order once the cart accepted its checkout,
 * so that a fault run takes every path of the order's life: a cancel sent the moment the
 * checkout is accepted (while its saga runs, or just after it confirmed); after confirmation a
 * cancel, or a shipment (which a cancel must then meet with 409), some shipments delivered and
 * some of those refunded, with and without restock. Every answer but the right one is a
 * disagreement for the report.
 */
final class OrderLife {

  private static final Set<String> CANCELLED_IN_CHECKOUT = Set.of("CANCELLING_CHECKOUT", "CANCELLED");
  private static final Set<String> CANCELLED_AFTER = Set.of("CANCELLING", "CANCELLING_RESTOCK", "CANCELLED");
  private static final Duration NOT_YET = Duration.ofMillis(300);

  private final LoadClient client;
  private final String adminToken;
  private final List<String> disagreements;
  private final AtomicInteger cancelledAtOnce = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();
  private final AtomicInteger shipped = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger refunded = new AtomicInteger();

  OrderLife(LoadClient client, String adminToken, List<String> disagreements) {
    this.client = client;
    this.adminToken = adminToken;
    this.disagreements = disagreements;
  }

  /** Checkouts whose cancel, sent the moment the cart accepted them, orders took (202). */
  int cancelledAtOnce() {
    return cancelledAtOnce.get();
  }

  /** Confirmed orders whose cancellation orders accepted. */
  int cancelled() {
    return cancelled.get();
  }

  /** Confirmed orders the admin shipped. */
  int shipped() {
    return shipped.get();
  }

  /** Shipped orders the admin marked delivered. */
  int delivered() {
    return delivered.get();
  }

  /** Delivered orders the admin refunded. */
  int refunded() {
    return refunded.get();
  }

  /**
   * The customer cancels right after the checkout's 202, before its outcome: asked again while
   * orders has not taken the checkout yet (404) or does not answer. Answers whether the cancel
   * was taken (202); a 409 (the saga failed or is compensating already) is the other right answer.
   */
  boolean cancelAtOnce(String token, String orderId) throws InterruptedException {
    long deadline = System.nanoTime() + LoadClient.PATIENCE.toNanos();
    Api.Reply reply = client.resend("POST", "/api/orders/" + orderId + "/cancel", token, null, Map.of());
    while (reply.is(404) && System.nanoTime() < deadline) {
      Thread.sleep(NOT_YET.toMillis());
      reply = client.resend("POST", "/api/orders/" + orderId + "/cancel", token, null, Map.of());
    }
    if (reply.is(202)) {
      cancelledAtOnce.incrementAndGet();
      return true;
    }
    if (!reply.is(409)) {
      disagreements.add("order " + orderId + ": a cancel right after the checkout answered " + reply.status() + " "
          + reply.body());
    }
    return false;
  }

  /**
   * Whether the order as orders shows it ({@code status}) agrees with the checkout's outcome as
   * the cart told it: the same, or for a failed checkout still COMPENSATING (the cart reopens on
   * OrderFailed, sent as the saga starts compensating); for a checkout whose cancel was taken,
   * on its way to CANCELLED from where the cancel found it (running: the cart says FAILED; just
   * confirmed: CONFIRMED).
   */
  static boolean agrees(String outcome, String status, boolean cancelTaken) {
    if (cancelTaken) {
      return ("FAILED".equals(outcome) ? CANCELLED_IN_CHECKOUT : CANCELLED_AFTER).contains(status);
    }
    return outcome.equals(status) || ("FAILED".equals(outcome) && "COMPENSATING".equals(status));
  }

  /**
   * The {@code n}th confirmed order: one in four cancelled, one in four shipped (and then a
   * cancel must be refused); of the shipped, one in three delivered, one in three delivered and
   * refunded (restocked every other time), the rest left shipped.
   */
  void afterConfirmation(String token, String orderId, int n) throws InterruptedException {
    String path = "/api/orders/" + orderId;
    if (n % 4 == 0) {
      if (client.settle("POST", path + "/cancel", token, null) == 202) {
        cancelled.incrementAndGet();
      }
    } else if (n % 4 == 1) {
      JsonObject parcel = new JsonObject().put("carrier", "DHL").put("tracking_number", "T-" + orderId);
      if (client.settle("POST", path + "/ship", adminToken, parcel) != 200) {
        return;
      }
      int s = shipped.incrementAndGet();
      expect(orderId, "a cancel of the SHIPPED order", 409, client.settle("POST", path + "/cancel", token, null));
      if (s % 3 != 2 && expect(orderId, "deliver", 200, client.settle("POST", path + "/deliver", adminToken, null))) {
        delivered.incrementAndGet();
        if (s % 3 == 1 && expect(orderId, "refund", 202, client.settle("POST", path + "/refund", adminToken,
            new JsonObject().put("restock", (s / 3) % 2 == 0)))) {
          refunded.incrementAndGet();
        }
      }
    }
  }

  private boolean expect(String orderId, String what, int expected, int status) {
    if (status != expected) {
      disagreements.add("order " + orderId + ": " + what + " answered " + status + " instead of " + expected);
    }
    return status == expected;
  }
}
