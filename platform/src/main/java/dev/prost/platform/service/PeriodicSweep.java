package dev.prost.platform.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * A verticle that runs {@link #sweep()} every interval: overdue reservations, sagas past their
 * deadline, refunds. A sweep slower than the interval is never doubled up by one instance
 * (instances share the work through {@code SKIP LOCKED} in the sweep itself), and undeploying
 * waits for the sweep in progress, so a graceful stop never cuts a batch's transaction short.
 */
public abstract class PeriodicSweep extends VerticleBase {

  private final Duration interval;
  private Future<?> current = Future.succeededFuture();
  private long timer;

  protected PeriodicSweep(Duration interval) {
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> {
      if (current.isComplete()) {
        current = sweep();
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // no new sweep may begin while the one in progress finishes: the pool closes right after
    vertx.cancelTimer(timer);
    return current.otherwiseEmpty();
  }

  /** One sweep; it logs its own failures, and the next interval simply sweeps again. */
  public abstract Future<?> sweep();
}
