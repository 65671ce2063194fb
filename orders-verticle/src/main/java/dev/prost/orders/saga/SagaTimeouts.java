package dev.prost.orders.saga;

import dev.prost.orders.SagaConfig;
import dev.prost.orders.domain.Saga;
import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.store.SagaStates;
import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.service.PeriodicSweep;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves sagas that waited too long: every sweep interval it claims overdue sagas (batch by
 * batch, {@code FOR UPDATE SKIP LOCKED}, so several instances share the work and a saga a
 * consumer is moving right now is left to that consumer) and applies DEADLINE_PASSED to each,
 * in the batch's transaction. The table decides what that means: compensation, or FAILED for a
 * saga whose compensation itself ran out of time.
 */
public final class SagaTimeouts extends PeriodicSweep {

  private static final Logger log = LoggerFactory.getLogger(SagaTimeouts.class);

  private final Pool pool;
  private final SagaConfig config;
  private final SagaEngine engine;
  private final SagaMetrics metrics;
  private final SagaStates sagas = new SagaStates();

  public SagaTimeouts(Pool pool, SagaConfig config, SagaEngine engine, SagaMetrics metrics) {
    super(config.sweepInterval());
    this.pool = pool;
    this.config = config;
    this.engine = engine;
    this.metrics = metrics;
  }

  /** Sweeps until no overdue saga is left (or the rest are held elsewhere); answers how many moved. */
  @Override
  public Future<Integer> sweep() {
    return sweepFrom(0).onFailure(e -> log.warn("saga timeout sweep failed, the next one retries: {}",
        e.getMessage()));
  }

  private Future<Integer> sweepFrom(int total) {
    return sweepBatch().compose(n -> n < config.sweepBatchSize()
        ? Future.succeededFuture(total + n)
        : sweepFrom(total + n));
  }

  /** One batch of overdue sagas in one transaction; answers how many were claimed. */
  public Future<Integer> sweepBatch() {
    return pool.withTransaction(conn -> sagas.claimOverdue(conn, config.sweepBatchSize()).compose(claimed -> {
      List<Applied> applied = new ArrayList<>(claimed.size());
      Future<Void> chain = Future.succeededFuture();
      for (Saga saga : claimed) {
        chain = chain.compose(v -> engine.apply(conn, SagaEngine.Cause.internal(), saga, SagaInput.DEADLINE_PASSED,
                null)
            .map(done -> {
              applied.add(done);
              return null;
            }));
      }
      return chain.map(v -> applied);
    })).map(applied -> {
      for (Applied done : applied) {
        CorrelationIds.run(done.orderId().toString(), () ->
            log.info("saga {} passed its {} deadline: now {}", done.orderId(), done.from(), done.to()));
        metrics.record(done);
      }
      return applied.size();
    });
  }
}
