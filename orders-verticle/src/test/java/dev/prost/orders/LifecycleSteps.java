package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.events.StockReturned;
import dev.prost.platform.testing.ResponseSchemas;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The steps of the order lifecycle tests: the test plays cart and catalog (it publishes their
 * events and answers orders' requests as they would), and every order read is checked against
 * the answer the contract declares.
 */
final class LifecycleSteps {

  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final long TOTAL = 2 * 2599;
  static final ResponseSchemas CONTRACT = ResponseSchemas.of("openapi/orders.yaml");

  final OrdersFixture orders;
  final UUID alice = UUID.randomUUID();
  final UUID bob = UUID.randomUUID();
  final UUID teapot = UUID.randomUUID();

  LifecycleSteps(OrdersFixture orders) {
    this.orders = orders;
  }

  /** Cart's CartCheckoutInitiated, once orders placed the order. */
  UUID checkout(String paymentToken) {
    UUID orderId = UUID.randomUUID();
    orders.publish(EventEnvelope.first("cart", orderId, new CartCheckoutInitiated(orderId, UUID.randomUUID(), alice,
        List.of(new PricedLine(teapot, 2, 2599)), TOTAL, "EUR", paymentToken)));
    awaitEmitted(orderId, "OrderPlaced");
    return orderId;
  }

  /** Catalog's StockReserved for the order (the payment is requested next). */
  void reserve(UUID orderId) {
    reply(orderId, "OrderPlaced", new StockReserved(orderId, List.of(new StockLine(teapot, 2)),
        Instant.now().plusSeconds(600)));
  }

  UUID confirmed() {
    UUID orderId = checkout("tok_visa");
    reserve(orderId);
    awaitState(orderId, "CONFIRMED");
    return orderId;
  }

  void reply(UUID orderId, String to, Event answer) {
    EventEnvelope cause = orders.emitted(orderId).stream().filter(e -> e.metadata().eventType().equals(to))
        .reduce((a, b) -> b).orElseThrow();
    orders.publish(cause.reply("catalog", answer));
  }

  /** Catalog's answer to OrderFailed: the reservation released. */
  void release(UUID orderId) {
    awaitEmitted(orderId, "OrderFailed");
    reply(orderId, "OrderFailed", new StockReleased(orderId, List.of(new StockLine(teapot, 2))));
  }

  // catalog's part: the last StockReturnRequested answered
  void answerStockReturns(UUID orderId) {
    awaitEmitted(orderId, "StockReturnRequested");
    reply(orderId, "StockReturnRequested", new StockReturned(orderId, List.of(new StockLine(teapot, 2))));
  }

  void awaitEmitted(UUID orderId, String type) {
    await().atMost(PATIENCE).until(() -> orders.emittedTypes(orderId).contains(type));
  }

  void awaitState(UUID orderId, String state) {
    await().atMost(PATIENCE).until(() -> state.equals(orders.state(orderId)));
  }

  HttpResponse<Buffer> post(UUID orderId, String action, String token, JsonObject body) {
    return orders.send("POST", "/api/orders/" + orderId + "/" + action, token, body);
  }

  /** The request sent, not awaited: for races. */
  Future<HttpResponse<Buffer>> postAsync(UUID orderId, String action, String token, JsonObject body) {
    HttpRequest<Buffer> request = orders.client.post("/api/orders/" + orderId + "/" + action)
        .putHeader("Authorization", "Bearer " + token);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  String customer() {
    return orders.token(alice);
  }

  String admin() {
    return orders.token(bob, "admin");
  }

  /** GET /api/orders/{id}, its body checked against the declared answer. */
  JsonObject order(UUID orderId) {
    HttpResponse<Buffer> response = orders.get("/api/orders/" + orderId, customer());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(CONTRACT.violations("getOrder", 200, response.bodyAsJsonObject())).isEmpty();
    return response.bodyAsJsonObject();
  }

  List<String> history(UUID orderId) {
    return order(orderId).getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("state")).toList();
  }

  /** GET /api/orders as an admin with {@code query}, its body checked against the declared answer. */
  JsonObject list(String query) {
    HttpResponse<Buffer> response = orders.get("/api/orders?" + query, admin());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(CONTRACT.violations("listOrders", 200, response.bodyAsJsonObject())).isEmpty();
    return response.bodyAsJsonObject();
  }

  String compensationLog(UUID orderId) {
    return orders.text("SELECT string_agg(action || ':' || coalesce(completion, 'open'), ',' ORDER BY id)"
        + " FROM saga_compensation_log WHERE order_id = '" + orderId + "'");
  }
}
