package dev.prost.orders.api;

import dev.prost.orders.domain.SagaState;
import dev.prost.orders.store.Orders;
import dev.prost.orders.store.SagaStates;
import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The orders service's operations, one small method each; routes are declared in
 * {@link OrdersRoutes}. A customer sees only their own orders, and another user's order is
 * 404 exactly like an unknown one; an admin sees every order.
 */
final class OrdersApi {

  private final Pool pool;
  private final Orders orders = new Orders();
  private final SagaStates sagas = new SagaStates();

  OrdersApi(Pool pool) {
    this.pool = pool;
  }

  void listOrders(RoutingContext ctx) {
    int page = RequestValues.queryParam(ctx, "page").getInteger(1);
    int size = RequestValues.queryParam(ctx, "size").getInteger(20);
    orders.list(pool, filter(ctx), page, size)
        .onSuccess(found -> json(ctx, new JsonObject()
            .put("items", new JsonArray(found.items()))
            .put("page", page)
            .put("size", size)
            .put("total", found.total())))
        .onFailure(ctx::fail);
  }

  void getOrder(RoutingContext ctx) {
    UUID id = UUID.fromString(RequestValues.pathParam(ctx, "order_id"));
    orders.view(pool, id, ownerFilter(ctx))
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("no order " + id)))
        .onSuccess(order -> json(ctx, order))
        .onFailure(ctx::fail);
  }

  void listSagas(RoutingContext ctx) {
    String state = RequestValues.queryParam(ctx, "state").getString();
    int olderThan = RequestValues.queryParam(ctx, "older_than_seconds").getInteger(0);
    int limit = RequestValues.queryParam(ctx, "limit").getInteger(100);
    sagas.open(pool, state == null ? null : SagaState.valueOf(state), Duration.ofSeconds(olderThan), limit)
        .onSuccess(found -> json(ctx, new JsonObject().put("items", new JsonArray(found)).put("count", found.size())))
        .onFailure(ctx::fail);
  }

  // a customer only ever sees their own orders: user_id narrows, never widens
  private static Orders.Filter filter(RoutingContext ctx) {
    String userId = RequestValues.queryParam(ctx, "user_id").getString();
    return new Orders.Filter(ownerFilter(ctx), userId == null ? null : UUID.fromString(userId),
        RequestValues.queryParam(ctx, "status").getString(), time(ctx, "from"), time(ctx, "to"));
  }

  private static OffsetDateTime time(RoutingContext ctx, String name) {
    String value = RequestValues.queryParam(ctx, name).getString();
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(name, "must be an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z");
    }
  }

  // admins see everyone's orders; a customer only their own
  static UUID ownerFilter(RoutingContext ctx) {
    Principal principal = AuthHandlers.principal(ctx);
    return principal.hasRole(Principal.ADMIN) ? null : principal.userId();
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(body.encode());
  }
}
