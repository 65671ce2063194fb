package dev.prost.cart.store;

import dev.prost.cart.domain.CartStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a checkout reads once it holds the cart's lock, in one statement: the user's open cart,
 * the answer stored for the request's Idempotency-Key (if any, and younger than 24 hours) and
 * the lines as the projection prices them now.
 */
public final class CheckoutReads {

  /**
   * A line as checkout reads it: price, currency and active flag are null when the product is
   * missing from the projection (the left join keeps such lines, unlike the cart's own read).
   */
  public record Stock(UUID productId, int quantity, Long unitPriceCents, String currency, Boolean active) {}

  /** The open cart as checkout sees it; {@code stored} is the key's first answer, if there was one. */
  public record Checkable(UUID cartId, CartStatus status, Optional<IdempotencyKeys.Stored> stored,
      List<Stock> lines) {}

  /** Empty when the user has no open cart; {@code key} may be null (no stored answer then). */
  public Future<Optional<Checkable>> read(SqlClient client, UUID userId, String key) {
    return client.preparedQuery("""
            SELECT c.id, c.status, k.request_hash, k.response_status, k.response_body,
                   i.product_id, i.quantity, v.price_cents, v.currency, v.active
            FROM carts c
            LEFT JOIN idempotency_keys k
              ON k.user_id = c.user_id AND k.key = $2 AND k.created_at > now() - interval '24 hours'
            LEFT JOIN (cart_items i LEFT JOIN product_view v ON v.product_id = i.product_id) ON i.cart_id = c.id
            WHERE c.user_id = $1 AND c.status IN ('ACTIVE', 'CHECKING_OUT')
            ORDER BY i.added_at, i.product_id""")
        .execute(Tuple.of(userId, key))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row first = rows.iterator().next();
          Optional<IdempotencyKeys.Stored> stored = first.getString(2) == null ? Optional.empty()
              : Optional.of(new IdempotencyKeys.Stored(first.getString(2), first.getInteger(3), first.getString(4)));
          List<Stock> lines = new ArrayList<>(rows.size());
          for (Row row : rows) {
            if (row.getUUID(5) != null) {
              lines.add(new Stock(row.getUUID(5), row.getInteger(6), row.getLong(7), row.getString(8),
                  row.getBoolean(9)));
            }
          }
          return Optional.of(new Checkable(first.getUUID(0), CartStatus.valueOf(first.getString(1)), stored, lines));
        });
  }
}
