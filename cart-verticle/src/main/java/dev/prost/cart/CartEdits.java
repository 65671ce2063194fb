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
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Reads and edits of the caller's cart. Each edit is one transaction that locks the cart row
 * first, so two edits of one cart run one after the other and each sees the other's result;
 * every answer is the cart as it stands after the edit, read in the same transaction.
 */
public final class CartEdits {

  private final Pool pool;
  private final Carts carts = new Carts();
  private final ProductViews products = new ProductViews();

  public CartEdits(Pool pool) {
    this.pool = pool;
  }

  /** The user's cart; the first use opens it (unless UserRegistered already did). */
  public Future<Cart> read(UUID userId) {
    return pool.withTransaction(conn -> carts.open(conn, userId).compose(header -> carts.read(conn, header)));
  }

  /** Adds the product, or adds {@code quantity} to the line already there (at most 99 in all). */
  public Future<Cart> add(UUID userId, UUID productId, int quantity) {
    return edit(userId, (conn, cart) -> usable(conn, productId).compose(product -> {
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
    }));
  }

  /** Sets the quantity of a line the cart holds; 404 if it holds none. */
  public Future<Cart> change(UUID userId, UUID productId, int quantity) {
    return edit(userId, (conn, cart) -> {
      if (cart.line(productId).isEmpty()) {
        throw ProblemException.notFound("the cart holds no product " + productId);
      }
      return usable(conn, productId).compose(product -> carts.putItem(conn, cart.id(), productId, quantity));
    });
  }

  /** Removes the line; removing a line the cart does not hold changes nothing (idempotent). */
  public Future<Cart> remove(UUID userId, UUID productId) {
    return edit(userId, (conn, cart) -> carts.removeItem(conn, cart.id(), productId));
  }

  public Future<Cart> clear(UUID userId) {
    return edit(userId, (conn, cart) -> carts.clear(conn, cart.id()));
  }

  private Future<Cart> edit(UUID userId, BiFunction<SqlConnection, Cart, Future<Void>> change) {
    return pool.withTransaction(conn -> carts.lockOpen(conn, userId).compose(header -> {
      if (header.status() == CartStatus.CHECKING_OUT) {
        throw ProblemException.conflict("cart-checking-out", "the cart is being checked out; "
            + "it takes edits again if the checkout fails");
      }
      return carts.read(conn, header)
          .compose(cart -> change.apply(conn, cart))
          .compose(v -> carts.read(conn, header));
    }));
  }

  private Future<ProductView> usable(SqlConnection conn, UUID productId) {
    return products.byId(conn, productId).map(found -> {
      ProductView product = found.orElseThrow(() -> ProblemException.unprocessable("unknown-product",
          "product_id", "no product " + productId));
      if (!product.active()) {
        throw ProblemException.unprocessable("inactive-product", "product_id",
            "product " + productId + " is no longer sold");
      }
      return product;
    });
  }
}
