package dev.prost.cart.store;

import dev.prost.cart.domain.Cart;
import dev.prost.cart.domain.CartLine;
import dev.prost.cart.domain.CartStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Carts and their items. A user has at most one open (ACTIVE or CHECKING_OUT) cart. */
public final class Carts {

  /** The open cart's id and status, as read (and, in {@link #lockOpen}, locked). */
  public record Header(UUID id, CartStatus status) {}

  /**
   * Opens an ACTIVE cart for the user unless one is open; answers whether this call made it.
   * UserRegistered and a first request may race here: the partial unique index decides.
   */
  public Future<Boolean> openFor(SqlClient client, UUID userId) {
    return client.preparedQuery("""
            INSERT INTO carts (id, user_id, status) VALUES ($1, $2, 'ACTIVE')
            ON CONFLICT (user_id) WHERE status IN ('ACTIVE', 'CHECKING_OUT') DO NOTHING""")
        .execute(Tuple.of(UUID.randomUUID(), userId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The user's open cart (made if absent), its row locked so concurrent edits serialise. */
  public Future<Header> lockOpen(SqlClient client, UUID userId) {
    return open(client, userId, " FOR UPDATE");
  }

  /** The user's open cart (made if absent), for reading. */
  public Future<Header> open(SqlClient client, UUID userId) {
    return open(client, userId, "");
  }

  private Future<Header> open(SqlClient client, UUID userId, String lock) {
    return openFor(client, userId).compose(made -> client.preparedQuery("""
            SELECT id, status FROM carts
            WHERE user_id = $1 AND status IN ('ACTIVE', 'CHECKING_OUT')""" + lock)
        .execute(Tuple.of(userId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Header(row.getUUID("id"), CartStatus.valueOf(row.getString("status")));
        }));
  }

  /** The cart with its lines priced from the projection, oldest line first. */
  public Future<Cart> read(SqlClient client, Header header) {
    return client.preparedQuery("""
            SELECT i.product_id, v.name, i.quantity, v.price_cents, v.currency
            FROM cart_items i JOIN product_view v ON v.product_id = i.product_id
            WHERE i.cart_id = $1 ORDER BY i.added_at, i.product_id""")
        .execute(Tuple.of(header.id()))
        .map(rows -> {
          List<CartLine> lines = new ArrayList<>();
          rows.forEach(row -> lines.add(new CartLine(row.getUUID("product_id"), row.getString("name"),
              row.getInteger("quantity"), row.getLong("price_cents"), row.getString("currency"))));
          return new Cart(header.id(), header.status(), lines);
        });
  }

  /**
   * A line as checkout re-reads it: price, currency and active flag are null when the product
   * is missing from the projection (the left join keeps such lines, unlike {@link #read}).
   */
  public record Stock(UUID productId, int quantity, Long unitPriceCents, String currency, Boolean active) {}

  public Future<List<Stock>> lines(SqlClient client, UUID cartId) {
    return client.preparedQuery("""
            SELECT i.product_id, i.quantity, v.price_cents, v.currency, v.active
            FROM cart_items i LEFT JOIN product_view v ON v.product_id = i.product_id
            WHERE i.cart_id = $1 ORDER BY i.added_at, i.product_id""")
        .execute(Tuple.of(cartId))
        .map(rows -> {
          List<Stock> lines = new ArrayList<>();
          rows.forEach(row -> lines.add(new Stock(row.getUUID(0), row.getInteger(1), row.getLong(2),
              row.getString(3), row.getBoolean(4))));
          return lines;
        });
  }

  /** Moves the cart from one status to another; answers whether it was in {@code from}. */
  public Future<Boolean> move(SqlClient client, UUID cartId, CartStatus from, CartStatus to) {
    return client.preparedQuery("""
            UPDATE carts SET status = $3, version = version + 1, updated_at = now()
            WHERE id = $1 AND status = $2""")
        .execute(Tuple.of(cartId, from.name(), to.name()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Sets a line's quantity, adding the line if absent. */
  public Future<Void> putItem(SqlClient client, UUID cartId, UUID productId, int quantity) {
    return client.preparedQuery("""
            INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3)
            ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity""")
        .execute(Tuple.of(cartId, productId, quantity))
        .compose(rows -> touch(client, cartId));
  }

  public Future<Void> removeItem(SqlClient client, UUID cartId, UUID productId) {
    return client.preparedQuery("DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2")
        .execute(Tuple.of(cartId, productId))
        .compose(rows -> touch(client, cartId));
  }

  public Future<Void> clear(SqlClient client, UUID cartId) {
    return client.preparedQuery("DELETE FROM cart_items WHERE cart_id = $1")
        .execute(Tuple.of(cartId))
        .compose(rows -> touch(client, cartId));
  }

  // the version lets checkout tell a cart it priced from one edited since
  private Future<Void> touch(SqlClient client, UUID cartId) {
    return client.preparedQuery("UPDATE carts SET version = version + 1, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(cartId))
        .mapEmpty();
  }
}
