package dev.prost.cart.api;

import dev.prost.cart.CartEdits;
import dev.prost.cart.Checkouts;
import dev.prost.cart.domain.Cart;
import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestValues;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Duration;
import java.util.UUID;

/**
 * The cart's operations, one small method each; routes are declared in {@link CartRoutes}.
 * The cart is always the caller's, named by the token's {@code sub}: there is no cart id in
 * any path, so nobody can even name another user's cart.
 */
final class CartApi {

  private final CartEdits edits;
  private final Checkouts checkouts;

  CartApi(CartEdits edits, Checkouts checkouts) {
    this.edits = edits;
    this.checkouts = checkouts;
  }

  void getCart(RoutingContext ctx) {
    answer(ctx, edits.read(user(ctx)));
  }

  void addItem(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    answer(ctx, edits.add(user(ctx), UUID.fromString(body.getString("product_id")), body.getInteger("quantity")));
  }

  void changeItem(RoutingContext ctx) {
    answer(ctx, edits.change(user(ctx), product(ctx), RequestValues.body(ctx).getInteger("quantity")));
  }

  void removeItem(RoutingContext ctx) {
    answer(ctx, edits.remove(user(ctx), product(ctx)));
  }

  void clearCart(RoutingContext ctx) {
    answer(ctx, edits.clear(user(ctx)));
  }

  void checkout(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    // orders refuses a checkout without a token outright: accepted here, it would freeze the cart
    if (body.getString("payment_token").isBlank()) {
      ctx.fail(ProblemException.invalidField("payment_token", "must not be blank"));
      return;
    }
    checkouts.checkout(user(ctx), body, ctx.request().getHeader("Idempotency-Key"))
        .onSuccess(answer -> ctx.response().setStatusCode(answer.status())
            .putHeader("content-type", "application/json").end(answer.body()))
        .onFailure(ctx::fail);
  }

  void getCheckout(RoutingContext ctx) {
    RequestParameter wait = RequestValues.queryParam(ctx, "wait");
    Duration held = Duration.ofSeconds(wait.isNull() ? 0 : wait.getInteger());
    // the router's end handlers fire when the connection closes too (never set the response's
    // own closeHandler: the router's end handlers, admission and metrics, hang on it)
    Promise<Void> gone = Promise.promise();
    ctx.addEndHandler(ended -> gone.tryComplete());
    checkouts.view(user(ctx), UUID.fromString(RequestValues.pathParam(ctx, "order_id")), held, gone.future())
        .onSuccess(view -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(view.encode()))
        .onFailure(failure -> {
          // a client that went away during the hold has nobody left to answer
          if (!ctx.response().closed()) {
            ctx.fail(failure);
          }
        });
  }

  private static UUID user(RoutingContext ctx) {
    return AuthHandlers.principal(ctx).userId();
  }

  private static UUID product(RoutingContext ctx) {
    return UUID.fromString(RequestValues.pathParam(ctx, "product_id"));
  }

  private static void answer(RoutingContext ctx, Future<Cart> cart) {
    cart.onSuccess(c -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(CartJson.of(c)))
        .onFailure(ctx::fail);
  }
}
