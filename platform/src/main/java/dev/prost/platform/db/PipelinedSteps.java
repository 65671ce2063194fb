package dev.prost.platform.db;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs independent steps of one transaction together: each is started at once, in order, so
 * their statements queue on the connection in that order and go out without waiting for one
 * another's answers. PostgreSQL still runs them one after another, and once one fails every
 * later one fails too (the transaction is aborted), so nothing of them commits.
 *
 * <p>Use this, not {@code Future.all}: {@code all} fails as soon as one step fails, the
 * caller's {@code withTransaction} then rolls back, and a step still running may issue its next
 * statement after the rollback was sent, outside any transaction (the SQL client forgets the
 * transaction once it ended), where it commits on its own. Here the result waits until every
 * started step has finished, and fails with the failure that happened first (the cause, not
 * the "transaction is aborted" errors it caused after it). A step that throws stops the steps
 * after it from starting.
 */
public final class PipelinedSteps {

  private PipelinedSteps() {}

  /** Answers the steps' results in order once all succeeded; fails, once every started step finished, with the first failure. */
  @SafeVarargs
  public static Future<List<Object>> run(Supplier<? extends Future<?>>... steps) {
    List<Future<?>> started = new ArrayList<>(steps.length);
    AtomicReference<Throwable> first = new AtomicReference<>();
    for (Supplier<? extends Future<?>> step : steps) {
      Future<?> future;
      try {
        future = step.get();
      } catch (RuntimeException e) {
        future = Future.failedFuture(e);
      }
      started.add(future.onFailure(failure -> first.compareAndSet(null, failure)));
      if (future.failed()) {
        break;
      }
    }
    return Future.join(started).transform(ignored -> {
      if (first.get() != null) {
        return Future.failedFuture(first.get());
      }
      List<Object> results = new ArrayList<>(started.size());
      started.forEach(future -> results.add(future.result()));
      return Future.succeededFuture(results);
    });
  }
}
