package dev.prost.cart;

import dev.prost.platform.http.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Holds status requests while their checkout is INITIATED ({@code GET …/checkouts/{id}?wait=N}).
 * One per process, shared by the HTTP verticles and the outcome consumer: once an outcome has
 * committed, the consumer's after-commit step hands the checkout's new view to {@link #ended},
 * which answers the requests of this process waiting on it, without reading it again. A request
 * reads once when it starts (not even that for a checkout this process accepted, see
 * {@link AcceptedCheckouts}); a slow re-read ({@link #RECHECK}) and one when its hold is over
 * answer the checkouts another cart instance ended. A request leaves the table when it is
 * answered, when its hold is over and when its client goes away; past {@link #MAX_WAITERS} held
 * requests in the process, the next one is refused with 503.
 */
public final class CheckoutWaits {

  static final Duration RECHECK = Duration.ofSeconds(3);
  static final int MAX_WAITERS = 10_000;

  private final Vertx vertx;
  private final Duration recheck;
  private final int maxWaiters;
  private final Map<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  public CheckoutWaits(Vertx vertx) {
    this(vertx, RECHECK, MAX_WAITERS);
  }

  CheckoutWaits(Vertx vertx, Duration recheck, int maxWaiters) {
    this.vertx = vertx;
    this.recheck = recheck;
    this.maxWaiters = maxWaiters;
  }

  /** Held requests in this process (the {@code prost_cart_checkout_waiters} gauge). */
  public int size() {
    return size.get();
  }

  /** Answers this process's requests waiting on {@code orderId} with its committed {@code view}. */
  public void ended(UUID orderId, JsonObject view) {
    Set<Waiter> waiters = waiting.get(orderId);
    if (waiters != null) {
      waiters.forEach(waiter -> waiter.context.runOnContext(v -> waiter.answer.tryComplete(view)));
    }
  }

  /**
   * Reads the checkout (which fails for another user's) and, while it is INITIATED, holds the
   * request up to {@code wait}; {@code gone} completes when the client went away.
   */
  Future<JsonObject> until(UUID orderId, Duration wait, Supplier<Future<JsonObject>> read, Future<Void> gone) {
    return until(orderId, wait, read, read, gone);
  }

  /**
   * As above, but the checkout's first view is {@code first}'s (the view this process committed,
   * when it has one: no read); the fallback re-reads and the one at the hold's end are {@code read}'s.
   */
  Future<JsonObject> until(UUID orderId, Duration wait, Supplier<Future<JsonObject>> first,
      Supplier<Future<JsonObject>> read, Future<Void> gone) {
    if (size.incrementAndGet() > maxWaiters) {
      size.decrementAndGet();
      return Future.failedFuture(ProblemException.unavailable("too-many-waits", 1,
          "this instance holds " + maxWaiters + " status requests already; ask again without wait or later"));
    }
    Waiter waiter = new Waiter(orderId, vertx.getOrCreateContext());
    // in the table before the first read: an outcome committed in between is not missed
    waiting.compute(orderId, (id, waiters) -> {
      Set<Waiter> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
      set.add(waiter);
      return set;
    });
    gone.onComplete(v -> waiter.answer.tryFail(new ClientGone()));
    return first.get()
        .compose(view -> ended(view) ? Future.succeededFuture(view) : held(waiter, wait, read))
        .andThen(done -> leave(waiter));
  }

  private Future<JsonObject> held(Waiter waiter, Duration wait, Supplier<Future<JsonObject>> read) {
    long rereads = vertx.setPeriodic(recheck.toMillis(), id -> reread(waiter, read, false));
    long timeUp = vertx.setTimer(Math.max(1, wait.toMillis()), id -> reread(waiter, read, true));
    return waiter.answer.future().andThen(done -> {
      vertx.cancelTimer(rereads);
      vertx.cancelTimer(timeUp);
    });
  }

  private static void reread(Waiter waiter, Supplier<Future<JsonObject>> read, boolean last) {
    if (!waiter.answer.future().isComplete()) {
      read.get().onComplete(view -> {
        if (view.failed()) {
          waiter.answer.tryFail(view.cause());
        } else if (last || ended(view.result())) {
          waiter.answer.tryComplete(view.result());
        }
      });
    }
  }

  private void leave(Waiter waiter) {
    boolean[] removed = {false};
    waiting.computeIfPresent(waiter.orderId, (id, waiters) -> {
      removed[0] = waiters.remove(waiter);
      return waiters.isEmpty() ? null : waiters;
    });
    if (removed[0]) {
      size.decrementAndGet();
    }
  }

  private static boolean ended(JsonObject view) {
    return !"INITIATED".equals(view.getString("status"));
  }

  /** Why a held request ended without an answer: its client closed the connection. */
  static final class ClientGone extends RuntimeException {
    ClientGone() {
      super("the client went away during the hold", null, false, false);
    }
  }

  private static final class Waiter {
    final UUID orderId;
    final Context context;
    final Promise<JsonObject> answer = Promise.promise();

    Waiter(UUID orderId, Context context) {
      this.orderId = orderId;
      this.context = context;
    }
  }
}
