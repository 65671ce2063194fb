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
 * step and how it ended).
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

  /** One compensating step: {@code step} is the state being undone, {@code action} what was done. */
  public Future<Void> compensation(SqlClient client, UUID orderId, SagaState step, String action, String outcome) {
    return client.preparedQuery("""
            INSERT INTO saga_compensation_log (order_id, step, action, outcome) VALUES ($1, $2, $3, $4)""")
        .execute(Tuple.of(orderId, step.name(), action, outcome))
        .mapEmpty();
  }
}
