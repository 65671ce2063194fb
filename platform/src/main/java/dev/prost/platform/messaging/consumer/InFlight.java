package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Counts the deliveries taken but not yet settled, so a stop can wait for them: {@link #drained}
 * completes when the count reaches zero, or when patience runs out. Used on the consumer's
 * event loop only (every delivery's context is a duplicate of the consumer's).
 */
final class InFlight {

  private int count;
  private Promise<Void> idle;

  void enter() {
    count++;
  }

  void leave(int settled) {
    count -= settled;
    if (count == 0 && idle != null) {
      Promise<Void> waiting = idle;
      idle = null;
      waiting.tryComplete();
    }
  }

  int count() {
    return count;
  }

  Future<Void> drained(Vertx vertx, Duration patience) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    Promise<Void> waiting = idle;
    long timer = vertx.setTimer(patience.toMillis(), id -> waiting.tryComplete());
    return waiting.future().onComplete(ar -> vertx.cancelTimer(timer));
  }
}
