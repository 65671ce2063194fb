package dev.prost.cart.store;

import dev.prost.cart.domain.Cart;
import dev.prost.cart.domain.CartLine;
import dev.prost.cart.domain.CartStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Carts and their items. A user has at most one open (ACTIVE or CHECKING_OUT) cart. */
public final class Carts {

  // the version lets checkout tell a cart it priced from one edited since; one statement with the edit
  private static final String TOUCH = "UPDATE carts SET version = version + 1, updated_at = now() WHERE id = $1";

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
    return openFor(client, userId).compose(made -> client.preparedQuery("""
            SELECT id, status FROM carts
            WHERE user_id = $1 AND status IN ('ACTIVE', 'CHECKING_OUT') FOR UPDATE""")
        .execute(Tuple.of(userId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Header(row.getUUID("id"), CartStatus.valueOf(row.getString("status")));
        }));
  }

  /**
   * Locks the user's open cart, then answers {@code read} of it, both sent at once: PostgreSQL
   * runs them in order, so the read's snapshot is taken once the lock is held and sees what the
   * lock's previous holder committed. The lock is a statement of its own for that reason (in
   * one statement the reads would see the snapshot from before the wait). When the user has no
   * open cart yet, or the lock went to a cart that was closed while it waited (so the read found
   * the cart opened in its place, unlocked), the cart is opened or locked the slow way and read
   * again. {@code read} answers empty when the user has no open cart.
   */
  public <T> Future<T> locked(SqlClient client, UUID userId, Function<T, UUID> cartId,
      Function<SqlClient, Future<Optional<T>>> read) {
    Future<Optional<UUID>> lock = client.preparedQuery("""
            SELECT id FROM carts WHERE user_id = $1 AND status IN ('ACTIVE', 'CHECKING_OUT') FOR UPDATE""")
        .execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID(0)));
    Future<Optional<T>> first = read.apply(client);
    return lock.compose(id -> first.compose(found -> found.isPresent() && id.equals(found.map(cartId))
        ? Future.succeededFuture(found.get())
        : lockOpen(client, userId).compose(header -> read.apply(client)).map(Optional::orElseThrow)));
  }

  /** The user's open cart with its lines priced from the projection, oldest line first; empty if none is open. */
  public Future<Optional<Cart>> readOpen(SqlClient client, UUID userId) {
    return client.preparedQuery("""
            SELECT c.id, c.status, i.product_id, v.name, i.quantity, v.price_cents, v.currency
            FROM carts c
            LEFT JOIN (cart_items i JOIN product_view v ON v.product_id = i.product_id) ON i.cart_id = c.id
            WHERE c.user_id = $1 AND c.status IN ('ACTIVE', 'CHECKING_OUT')
            ORDER BY i.added_at, i.product_id""")
        .execute(Tuple.of(userId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row first = rows.iterator().next();
          return Optional.of(new Cart(first.getUUID(0), CartStatus.valueOf(first.getString(1)), lines(rows)));
        });
  }

  // rows of (cart, status, product, name, quantity, price, currency); a cart without lines is one row of nulls
  private static List<CartLine> lines(RowSet<Row> rows) {
    List<CartLine> lines = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.getUUID(2) != null) {
        lines.add(new CartLine(row.getUUID(2), row.getString(3), row.getInteger(4), row.getLong(5),
            row.getString(6)));
      }
    }
    return lines;
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
            WITH put AS (
              INSERT INTO cart_items (cart_id, product_id, quantity) VALUES ($1, $2, $3)
              ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity)
            """ + TOUCH)
        .execute(Tuple.of(cartId, productId, quantity))
        .mapEmpty();
  }

  public Future<Void> removeItem(SqlClient client, UUID cartId, UUID productId) {
    return client.preparedQuery("""
            WITH removed AS (DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2)
            """ + TOUCH)
        .execute(Tuple.of(cartId, productId))
        .mapEmpty();
  }

  public Future<Void> clear(SqlClient client, UUID cartId) {
    return client.preparedQuery("""
            WITH removed AS (DELETE FROM cart_items WHERE cart_id = $1)
            """ + TOUCH)
        .execute(Tuple.of(cartId))
        .mapEmpty();
  }
}
