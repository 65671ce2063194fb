package dev.prost.orders.api;

import dev.prost.orders.OrdersConfig;
import dev.prost.orders.saga.SagaEngine;
import dev.prost.orders.saga.SagaMetrics;
import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * Every route of the orders service, in one place: orders (and their cancellation) for their
 * owners, shipping, delivery, refunds and sagas for admins.
 */
public final class OrdersRoutes {

  private OrdersRoutes() {}

  public static ServiceRouter.Options of(OrdersConfig config, Pool pool, JwtVerifier verifier, HealthChecks health,
      PrometheusMeterRegistry registry, SagaEngine engine, SagaMetrics sagaMetrics) {
    OrdersApi api = new OrdersApi(pool);
    OrderRequests requests = new OrderRequests(pool, engine, sagaMetrics);
    Handler<RoutingContext> authenticated = AuthHandlers.authenticate(verifier);
    Handler<RoutingContext> admin = AuthHandlers.requireRole(Principal.ADMIN);
    return new ServiceRouter.Options(OrdersConfig.SERVICE, "openapi/orders.yaml")
        .operation("listOrders", authenticated, api::listOrders)
        .operation("getOrder", authenticated, api::getOrder)
        .operation("cancelOrder", authenticated, requests::cancel)
        .operation("shipOrder", authenticated, admin, requests::ship)
        .operation("deliverOrder", authenticated, admin, requests::deliver)
        .operation("refundOrder", authenticated, admin, requests::refund)
        .operation("listSagas", authenticated, admin, api::listSagas)
        .bodyLimit(config.maxBodyBytes())
        .admission(config.admission())
        .health(health)
        .metrics(registry);
  }
}
