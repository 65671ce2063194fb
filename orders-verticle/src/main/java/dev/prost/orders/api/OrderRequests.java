package dev.prost.orders.api;

import dev.prost.orders.domain.Requests;
import dev.prost.orders.domain.Saga;
import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.saga.Applied;
import dev.prost.orders.saga.SagaEngine;
import dev.prost.orders.saga.SagaMetrics;
import dev.prost.orders.store.Orders;
import dev.prost.orders.store.SagaStates;
import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;

/**
 * The requests that move an order after checkout: a customer's cancel, an admin's ship, deliver
 * and refund. Each runs in one transaction that first locks the order's saga row, so requests
 * on one order queue up and the one that comes second sees what the first did; a consumer
 * moving the saga at the same moment fails its version check and retries on the new state.
 * {@link Requests} says whether the request is a step, a repeat (the order as it stands) or a
 * conflict (409 naming the state).
 */
final class OrderRequests {

  private final Pool pool;
  private final SagaEngine engine;
  private final SagaMetrics metrics;
  private final Orders orders = new Orders();
  private final SagaStates sagas = new SagaStates();

  OrderRequests(Pool pool, SagaEngine engine, SagaMetrics metrics) {
    this.pool = pool;
    this.engine = engine;
    this.metrics = metrics;
  }

  void cancel(RoutingContext ctx) {
    Principal principal = AuthHandlers.principal(ctx);
    String reason = principal.hasRole(Principal.ADMIN) ? "cancelled by an admin" : "cancelled by the customer";
    request(ctx, SagaInput.CANCEL_REQUESTED, reason, null, 202);
  }

  void ship(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    Orders.Shipment shipment = new Orders.Shipment(RequestValues.text(body, "carrier"),
        RequestValues.text(body, "tracking_number"));
    request(ctx, SagaInput.SHIP_REQUESTED, null, shipment, 200);
  }

  void deliver(RoutingContext ctx) {
    request(ctx, SagaInput.DELIVERY_CONFIRMED, null, null, 200);
  }

  void refund(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    boolean restock = body != null && body.getBoolean("restock", false);
    request(ctx, restock ? SagaInput.RESTOCK_REFUND_REQUESTED : SagaInput.REFUND_REQUESTED, "returned", null, 202);
  }

  private void request(RoutingContext ctx, SagaInput input, String reason, Orders.Shipment shipment, int status) {
    UUID id = UUID.fromString(RequestValues.pathParam(ctx, "order_id"));
    UUID owner = OrdersApi.ownerFilter(ctx);
    pool.withTransaction(conn -> sagas.lock(conn, id)
            .map(found -> visible(found, owner, id))
            .compose(saga -> step(conn, saga, input, reason, shipment))
            .compose(applied -> orders.view(conn, id, owner).map(view -> new Answer(applied, view.orElseThrow()))))
        .onSuccess(answer -> {
          answer.applied().ifPresent(metrics::record);
          ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
              .end(answer.order().encode());
        })
        .onFailure(ctx::fail);
  }

  private record Answer(Optional<Applied> applied, JsonObject order) {}

  private static Saga visible(Optional<Saga> found, UUID owner, UUID id) {
    return found.filter(saga -> owner == null || saga.order().userId().equals(owner))
        .orElseThrow(() -> ProblemException.notFound("no order " + id));
  }

  private Future<Optional<Applied>> step(SqlConnection conn, Saga saga, SagaInput input, String reason,
      Orders.Shipment shipment) {
    return switch (Requests.decide(saga.state(), input)) {
      case ALREADY_DONE -> Future.succeededFuture(Optional.empty());
      case CONFLICT -> Future.failedFuture(ProblemException.conflict("order-state",
          "order " + saga.orderId() + " is " + saga.state() + "; " + verb(input) + " is not possible in that state"));
      case APPLY -> (shipment == null ? Future.<Void>succeededFuture() : orders.setShipment(conn, saga.orderId(),
              shipment))
          .compose(v -> engine.apply(conn, SagaEngine.Cause.internal(), saga, input, reason))
          .map(Optional::of);
    };
  }

  private static String verb(SagaInput input) {
    return switch (input) {
      case CANCEL_REQUESTED -> "cancel";
      case SHIP_REQUESTED -> "ship";
      case DELIVERY_CONFIRMED -> "deliver";
      default -> "refund";
    };
  }
}
