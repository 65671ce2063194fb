package dev.prost.cart.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code saga_state}: the cart's view of each checkout. A saga moves only out of INITIATED,
 * with a conditional update, so a duplicate or late outcome finds nothing to move.
 */
public final class Sagas {

  /** The checkout a finished saga belongs to, as the conditional update returned it. */
  public record Ended(UUID cartId, UUID userId) {}

  /**
   * Starts the checkout: the cart moves from ACTIVE to CHECKING_OUT and the saga is INITIATED,
   * in one statement (the saga row is made from the updated cart row). Fails if the cart was
   * not ACTIVE, which the caller, holding the cart's lock, has already ruled out.
   */
  public Future<Void> initiate(SqlClient client, UUID orderId, UUID cartId, UUID userId) {
    return client.preparedQuery("""
            WITH moved AS (
              UPDATE carts SET status = 'CHECKING_OUT', version = version + 1, updated_at = now()
              WHERE id = $2 AND status = 'ACTIVE'
              RETURNING id)
            INSERT INTO saga_state (order_id, cart_id, user_id, status)
            SELECT $1::uuid, id, $3::uuid, 'INITIATED' FROM moved""")
        .execute(Tuple.of(orderId, cartId, userId))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException("cart " + cartId + " was not ACTIVE under its lock")));
  }

  /** Moves an INITIATED saga to {@code status}; empty if it is unknown or has moved on already. */
  public Future<Optional<Ended>> end(SqlClient client, UUID orderId, String status, String reason) {
    return client.preparedQuery("""
            UPDATE saga_state SET status = $2, reason = $3, updated_at = now()
            WHERE order_id = $1 AND status = 'INITIATED'
            RETURNING cart_id, user_id""")
        .execute(Tuple.of(orderId, status, reason))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.<Ended>empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Ended(row.getUUID("cart_id"), row.getUUID("user_id")));
        });
  }

  /** The user's checkout as the API shows it; another user's is as absent as an unknown one. */
  public Future<Optional<JsonObject>> view(SqlClient client, UUID orderId, UUID userId) {
    return client.preparedQuery("SELECT status, reason FROM saga_state WHERE order_id = $1 AND user_id = $2")
        .execute(Tuple.of(orderId, userId))
        .map(rows -> rows.size() == 0 ? Optional.<JsonObject>empty() : Optional.of(viewOf(orderId,
            rows.iterator().next().getString("status"), rows.iterator().next().getString("reason"))));
  }

  /** A checkout as the API shows it. */
  public static JsonObject viewOf(UUID orderId, String status, String reason) {
    return new JsonObject().put("order_id", orderId.toString()).put("status", status).put("reason", reason);
  }
}
