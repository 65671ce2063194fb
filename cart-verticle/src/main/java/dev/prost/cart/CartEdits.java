package dev.prost.cart;

import dev.prost.cart.domain.Cart;
import dev.prost.cart.domain.CartStatus;
import dev.prost.cart.domain.ProductView;
import dev.prost.cart.store.Carts;
import dev.prost.cart.store.ProductViews;
import dev.prost.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads and edits of the caller's cart. Each edit is one transaction that locks the cart row
 * first, so two edits of one cart run one after the other and each sees the other's result;
 * every answer is the cart as it stands after the edit, read in the same transaction.
 */
public final class CartEdits {

  private static final Future<Void> NOTHING = Future.succeededFuture();

  private final Pool pool;
  private final Carts carts = new Carts();
  private final ProductViews products = new ProductViews();

  public CartEdits(Pool pool) {
    this.pool = pool;
  }

  /** The user's cart; the first use opens it (unless UserRegistered already did). One statement once it is open. */
  public Future<Cart> read(UUID userId) {
    return carts.readOpen(pool, userId).compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : carts.openFor(pool, userId).compose(made -> carts.readOpen(pool, userId)).map(Optional::orElseThrow));
  }

  /** Adds the product, or adds {@code quantity} to the line already there (at most 99 in all). */
  public Future<Cart> add(UUID userId, UUID productId, int quantity) {
    return edit(userId, conn -> products.byId(conn, productId), (conn, cart, found) -> {
      ProductView product = usable(productId, found);
      if (cart.currency() != null && !cart.currency().equals(product.currency())) {
        throw ProblemException.unprocessable("currency-mismatch", "product_id", "product " + productId
            + " is priced in " + product.currency() + ", the cart in " + cart.currency());
      }
      int total = quantity + cart.line(productId).map(line -> line.quantity()).orElse(0);
      if (total > Cart.MAX_QUANTITY) {
        throw ProblemException.unprocessable("quantity-limit", "quantity", "the cart would hold " + total
            + " of product " + productId + "; at most " + Cart.MAX_QUANTITY + " per product");
      }
      return carts.putItem(conn, cart.id(), productId, total);
    });
  }

  /** Sets the quantity of a line the cart holds; 404 if it holds none. */
  public Future<Cart> change(UUID userId, UUID productId, int quantity) {
    return edit(userId, conn -> products.byId(conn, productId), (conn, cart, found) -> {
      if (cart.line(productId).isEmpty()) {
        throw ProblemException.notFound("the cart holds no product " + productId);
      }
      usable(productId, found);
      return carts.putItem(conn, cart.id(), productId, quantity);
    });
  }

  /** Removes the line; removing a line the cart does not hold changes nothing (idempotent). */
  public Future<Cart> remove(UUID userId, UUID productId) {
    return edit(userId, conn -> NOTHING, (conn, cart, none) -> carts.removeItem(conn, cart.id(), productId));
  }

  public Future<Cart> clear(UUID userId) {
    return edit(userId, conn -> NOTHING, (conn, cart, none) -> carts.clear(conn, cart.id()));
  }

  /** A change of the locked cart, given what {@code edit}'s own read answered. */
  @FunctionalInterface
  private interface Change<P> {
    Future<Void> apply(SqlConnection conn, Cart cart, P read);
  }

  /**
   * Two round trips inside the transaction: the cart's lock, its read and {@code read} (the
   * product, for adds and changes), sent together; then the change and the cart's read after
   * it, sent together (PostgreSQL runs them in order, so the read sees the change).
   */
  private <P> Future<Cart> edit(UUID userId, Function<SqlConnection, Future<P>> read, Change<P> change) {
    return pool.withTransaction(conn -> {
      Future<Cart> locked = carts.locked(conn, userId, Cart::id, client -> carts.readOpen(client, userId));
      Future<P> extra = read.apply(conn);
      return locked.compose(cart -> {
        if (cart.status() == CartStatus.CHECKING_OUT) {
          throw ProblemException.conflict("cart-checking-out", "the cart is being checked out; "
              + "it takes edits again if the checkout fails");
        }
        return extra.compose(found -> {
          Future<Void> changed = change.apply(conn, cart, found);
          Future<Optional<Cart>> after = carts.readOpen(conn, userId);
          return changed.compose(v -> after).map(Optional::orElseThrow);
        });
      });
    });
  }

  private static ProductView usable(UUID productId, Optional<ProductView> found) {
    ProductView product = found.orElseThrow(() -> ProblemException.unprocessable("unknown-product",
        "product_id", "no product " + productId));
    if (!product.active()) {
      throw ProblemException.unprocessable("inactive-product", "product_id",
          "product " + productId + " is no longer sold");
    }
    return product;
  }
}
