package dev.prost.orders.store;

import dev.prost.orders.domain.OrderHeader;
import dev.prost.orders.domain.Saga;
import dev.prost.orders.domain.SagaState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code saga_state}: one row per checkout. Every move is a compare-and-set on {@code version},
 * so two transitions racing on one saga (a consumer and the timeout sweeper) never both win.
 */
public final class SagaStates {

  private static final String COLUMNS = "s.order_id, s.state, s.version, s.started_at, o.failure_reason,"
      + " o.user_id, o.total_cents, o.currency, o.payment_token";

  /**
   * Creates the saga; {@code deadline} null for a state that does not wait. Answers its
   * {@code started_at}, so the caller need not read the row back.
   */
  public Future<OffsetDateTime> create(SqlClient client, UUID orderId, SagaState state, Duration deadline) {
    return client.preparedQuery("""
            INSERT INTO saga_state (order_id, state, deadline)
            VALUES ($1, $2, CASE WHEN $3::bigint IS NULL THEN NULL
                                 ELSE now() + $3::bigint * interval '1 millisecond' END)
            RETURNING started_at""")
        .execute(Tuple.of(orderId, state.name(), deadline == null ? null : deadline.toMillis()))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  public Future<Optional<Saga>> find(SqlClient client, UUID orderId) {
    return select(client, orderId, "");
  }

  /**
   * Reads the saga and holds its row until the transaction ends: a request on the API takes
   * this lock, so requests on one order queue up, and a consumer moving the saga meanwhile
   * fails its version check and retries on the new state.
   */
  public Future<Optional<Saga>> lock(SqlClient client, UUID orderId) {
    return select(client, orderId, " FOR UPDATE OF s");
  }

  private Future<Optional<Saga>> select(SqlClient client, UUID orderId, String locking) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM saga_state s JOIN orders o ON o.id = s.order_id"
            + " WHERE s.order_id = $1" + locking)
        .execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.<Saga>empty() : Optional.of(saga(rows.iterator().next())));
  }

  /**
   * Moves the saga if it is still at {@code version}; false if someone else moved it first.
   * {@code deadline} null clears it: the saga no longer waits for anything.
   */
  public Future<Boolean> move(SqlClient client, UUID orderId, int version, SagaState state, Duration deadline) {
    return client.preparedQuery("""
            UPDATE saga_state SET state = $3, version = version + 1, attempts = 0, updated_at = now(),
                   deadline = CASE WHEN $4::bigint IS NULL THEN NULL
                                   ELSE now() + $4::bigint * interval '1 millisecond' END
            WHERE order_id = $1 AND version = $2""")
        .execute(Tuple.of(orderId, version, state.name(), deadline == null ? null : deadline.toMillis()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Locks up to {@code limit} sagas past their deadline, oldest deadline first, skipping rows
   * another sweeper (or a consumer) holds: instances share the work and never take one saga twice.
   */
  public Future<List<Saga>> claimOverdue(SqlClient client, int limit) {
    return client.preparedQuery("SELECT " + COLUMNS + """
             FROM saga_state s JOIN orders o ON o.id = s.order_id
            WHERE s.deadline < now()
            ORDER BY s.deadline LIMIT $1
            FOR UPDATE OF s SKIP LOCKED""")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Saga> sagas = new ArrayList<>(rows.size());
          rows.forEach(row -> sagas.add(saga(row)));
          return sagas;
        });
  }

  /** Sagas with something in flight (not at rest), oldest first, optionally in one state and older than an age. */
  public Future<List<JsonObject>> open(SqlClient client, SagaState state, Duration olderThan, int limit) {
    return client.preparedQuery("""
            SELECT s.order_id, o.user_id, s.state, s.deadline, s.attempts, s.started_at, s.updated_at, s.version
            FROM saga_state s JOIN orders o ON o.id = s.order_id
            WHERE s.state NOT IN ('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED')
              AND ($1::text IS NULL OR s.state = $1)
              AND s.started_at <= now() - $2::bigint * interval '1 second'
            ORDER BY s.started_at LIMIT $3""")
        .execute(Tuple.of(state == null ? null : state.name(), olderThan.toSeconds(), limit))
        .map(rows -> {
          List<JsonObject> sagas = new ArrayList<>(rows.size());
          for (Row row : rows) {
            sagas.add(new JsonObject()
                .put("order_id", row.getUUID("order_id").toString())
                .put("user_id", row.getUUID("user_id").toString())
                .put("state", row.getString("state"))
                .put("deadline", row.getOffsetDateTime("deadline") == null ? null
                    : row.getOffsetDateTime("deadline").toInstant().toString())
                .put("started_at", row.getOffsetDateTime("started_at").toInstant().toString())
                .put("updated_at", row.getOffsetDateTime("updated_at").toInstant().toString())
                .put("age_seconds", Duration.between(row.getOffsetDateTime("started_at").toInstant(),
                    java.time.Instant.now()).toSeconds())
                .put("version", row.getInteger("version")));
          }
          return sagas;
        });
  }

  private static Saga saga(Row row) {
    OrderHeader order = new OrderHeader(row.getUUID("order_id"), row.getUUID("user_id"), row.getLong("total_cents"),
        row.getString("currency"), row.getString("payment_token"));
    return new Saga(SagaState.valueOf(row.getString("state")), row.getInteger("version"),
        row.getOffsetDateTime("started_at"), row.getString("failure_reason"), order);
  }
}
