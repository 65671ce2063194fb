package dev.prost.cart;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Holds a status request while its checkout is INITIATED ({@code GET …/checkouts/{id}?wait=N}):
 * it answers as soon as the checkout ends, or INITIATED when the wait is over. The outcome
 * consumer announces every ended checkout on the local event bus ({@link #announce}); a
 * re-read every second catches the checkouts another cart instance ended.
 */
public final class CheckoutWaits {

  private final Vertx vertx;
  private final Duration recheck;

  public CheckoutWaits(Vertx vertx) {
    this(vertx, Duration.ofSeconds(1));
  }

  CheckoutWaits(Vertx vertx, Duration recheck) {
    this.vertx = vertx;
    this.recheck = recheck;
  }

  /** Tells the requests of this process waiting on {@code orderId} that its checkout ended. */
  public static void announce(Vertx vertx, UUID orderId) {
    vertx.eventBus().publish(address(orderId), null);
  }

  private static String address(UUID orderId) {
    return "prost.cart.checkout-ended." + orderId;
  }

  /** Reads the checkout (which fails for another user's), again on each announcement, until it ended or time is up. */
  Future<JsonObject> until(UUID orderId, Duration wait, Supplier<Future<JsonObject>> read) {
    Promise<JsonObject> answer = Promise.promise();
    long deadline = System.nanoTime() + wait.toNanos();
    Runnable check = () -> read.get().onComplete(ar -> {
      if (ar.failed()) {
        answer.tryFail(ar.cause());
      } else if (!"INITIATED".equals(ar.result().getString("status")) || System.nanoTime() - deadline >= 0) {
        answer.tryComplete(ar.result());
      }
    });
    // listening before the first read: an outcome committed in between is not missed
    MessageConsumer<Void> ended = vertx.eventBus().localConsumer(address(orderId), message -> check.run());
    long rereads = vertx.setPeriodic(recheck.toMillis(), id -> check.run());
    long timeUp = vertx.setTimer(Math.max(1, wait.toMillis()), id -> check.run());
    ended.completion().onComplete(registered -> check.run());
    return answer.future().onComplete(done -> {
      ended.unregister();
      vertx.cancelTimer(rereads);
      vertx.cancelTimer(timeUp);
    });
  }
}
