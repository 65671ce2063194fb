package dev.prost.cart.api;

import dev.prost.cart.AcceptedCheckouts;
import dev.prost.cart.CartConfig;
import dev.prost.cart.CartEdits;
import dev.prost.cart.CheckoutWaits;
import dev.prost.cart.Checkouts;
import dev.prost.cart.SagaBacklog;
import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.http.admission.Lane;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** Every route of the cart service, in one place; all of them act on the caller's own cart. */
public final class CartRoutes {

  private CartRoutes() {}

  public static ServiceRouter.Options of(CartConfig config, Pool pool, Outbox outbox, CheckoutWaits waits,
      AcceptedCheckouts accepted, SagaBacklog backlog, JwtVerifier verifier, HealthChecks health, PrometheusMeterRegistry registry) {
    CartApi api = new CartApi(new CartEdits(pool), new Checkouts(pool, outbox, waits, accepted));
    Handler<RoutingContext> authenticated = AuthHandlers.authenticate(verifier);
    Handler<RoutingContext> customer = AuthHandlers.requireRole(Principal.CUSTOMER);
    return new ServiceRouter.Options(CartConfig.SERVICE, "openapi/cart.yaml")
        .operation("getCart", authenticated, customer, api::getCart)
        .operation("addItem", authenticated, customer, api::addItem)
        .operation("changeItem", authenticated, customer, api::changeItem)
        .operation("removeItem", authenticated, customer, api::removeItem)
        .operation("clearCart", authenticated, customer, api::clearCart)
        .operation("checkout", authenticated, customer, api::checkout)
        .operation("getCheckout", authenticated, customer, api::getCheckout)
        .bodyLimit(config.maxBodyBytes())
        .admission(config.admission())
        // a checkout starts a saga: its own limit, so a flood of them cannot starve cart edits
        .lane("checkout", Lane.CHECKOUTS)
        // and none while the saga is seconds behind: refused at the door, not queued for minutes
        .admitWhile("checkout", backlog)
        // a held status request waits for the saga by design: its wait is not the service's latency
        .lane("getCheckout", Lane.UNLIMITED)
        .health(health)
        .metrics(registry);
  }
}
