package dev.prost.cart.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored answers of requests sent with an {@code Idempotency-Key}, per (user, key). A key
 * lives 24 hours: older rows are ignored by {@link #find} and deleted by {@link #store}.
 * Callers hold the user's cart lock, so two requests with one key never race here.
 */
public final class IdempotencyKeys {

  /** The first request's body hash and answer. */
  public record Stored(String requestHash, int status, String body) {}

  public Future<Optional<Stored>> find(SqlClient client, UUID userId, String key) {
    return client.preparedQuery("""
            SELECT request_hash, response_status, response_body FROM idempotency_keys
            WHERE user_id = $1 AND key = $2 AND created_at > now() - interval '24 hours'""")
        .execute(Tuple.of(userId, key))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Stored>empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Stored(row.getString(0), row.getInteger(1), row.getString(2)));
        });
  }

  /**
   * Stores the answer. The user's expired keys are pruned first: that frees an expired row
   * of this very key (a reuse after 24 h is a new request) and keeps the table to about a
   * day of keys per user without a sweeper.
   */
  public Future<Void> store(SqlClient client, UUID userId, String key, Stored answer) {
    return client.preparedQuery("""
            DELETE FROM idempotency_keys WHERE user_id = $1 AND created_at <= now() - interval '24 hours'""")
        .execute(Tuple.of(userId))
        .compose(pruned -> client.preparedQuery("""
                INSERT INTO idempotency_keys (key, user_id, request_hash, response_status, response_body)
                VALUES ($1, $2, $3, $4, $5)""")
            .execute(Tuple.of(key, userId, answer.requestHash(), answer.status(), answer.body())))
        .mapEmpty();
  }
}
