package dev.prost.orders.store;

import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.domain.SagaState;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The saga's two logs: {@code saga_events} (every input it saw, applied or ignored; the
 * applied ones are the order's history) and {@code saga_compensation_log} (each compensating
 * step when it is taken, and its completion).
 */
public final class SagaJournal {

  /** Outcome of an input: it moved the saga, or it was recorded and ignored. */
  public enum Outcome { APPLIED, IGNORED }

  /** Records one input; {@code eventId} is null for the orders service's own inputs (deadlines). */
  public Future<Void> input(SqlClient client, UUID orderId, SagaInput input, UUID eventId, SagaState from,
      SagaState to, Outcome outcome) {
    return client.preparedQuery("""
            INSERT INTO saga_events (order_id, input, event_id, from_state, to_state, outcome)
            VALUES ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(orderId, input.name(), eventId, from == null ? null : from.name(), to.name(),
            outcome.name().toLowerCase()))
        .mapEmpty();
  }

  /**
   * One compensating step taken and waiting for its answer: {@code step} is the state being
   * undone, {@code action} what was asked; {@link #completed} closes it.
   */
  public Future<Void> compensation(SqlClient client, UUID orderId, SagaState step, String action, String outcome) {
    return client.preparedQuery("""
            INSERT INTO saga_compensation_log (order_id, step, action, outcome) VALUES ($1, $2, $3, $4)""")
        .execute(Tuple.of(orderId, step.name(), action, outcome))
        .mapEmpty();
  }

  /** One compensating step that was done when it was taken (a void, a refund by the sweeper). */
  public Future<Void> compensationDone(SqlClient client, UUID orderId, SagaState step, String action,
      String outcome) {
    return client.preparedQuery("""
            INSERT INTO saga_compensation_log (order_id, step, action, outcome, completed_at, completion)
            VALUES ($1, $2, $3, $4, now(), $4)""")
        .execute(Tuple.of(orderId, step.name(), action, outcome))
        .mapEmpty();
  }

  /** Marks the order's open {@code action} steps done (a re-sent request opened one more each time). */
  public Future<Void> completed(SqlClient client, UUID orderId, String action, String completion) {
    return client.preparedQuery("""
            UPDATE saga_compensation_log SET completed_at = now(), completion = $3
            WHERE order_id = $1 AND action = $2 AND completed_at IS NULL""")
        .execute(Tuple.of(orderId, action, completion))
        .mapEmpty();
  }
}
