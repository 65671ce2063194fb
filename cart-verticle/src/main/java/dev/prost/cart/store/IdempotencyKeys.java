package dev.prost.cart.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Stored answers of requests sent with an {@code Idempotency-Key}, per (user, key). A key
 * lives 24 hours: older rows are ignored by the checkout's read ({@link CheckoutReads}) and
 * deleted or overwritten by {@link #store}. Callers hold the user's cart lock, so two requests
 * with one key never race here.
 */
public final class IdempotencyKeys {

  /** The first request's body hash and answer. */
  public record Stored(String requestHash, int status, String body) {}

  /**
   * Stores the answer, in one statement with the pruning of the user's expired keys: that keeps
   * the table to about a day of keys per user without a sweeper. An expired row of this very key
   * is overwritten (a reuse after 24 h is a new request); a live one never is (the caller found
   * none under the cart's lock, so there is none).
   */
  public Future<Void> store(SqlClient client, UUID userId, String key, Stored answer) {
    return client.preparedQuery("""
            WITH pruned AS (
              DELETE FROM idempotency_keys
              WHERE user_id = $2 AND key <> $1 AND created_at <= now() - interval '24 hours')
            INSERT INTO idempotency_keys (key, user_id, request_hash, response_status, response_body)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (user_id, key) DO UPDATE
              SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
                  response_body = EXCLUDED.response_body, created_at = now()
              WHERE idempotency_keys.created_at <= now() - interval '24 hours'""")
        .execute(Tuple.of(key, userId, answer.requestHash(), answer.status(), answer.body()))
        .mapEmpty();
  }
}
