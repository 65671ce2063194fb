package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The customers' and the admin's steps the in-process order lifecycle tests share: checkouts
 * through the cart, then cancel, ship, deliver and refund through orders' API, each answering
 * the response as it came.
 */
final class LifecycleSteps {

  /** A problem+json answer's type for a request the order's state does not allow. */
  static final String ORDER_STATE = "https://prost.dev/problems/order-state";

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /** An accepted checkout's order and its customer's token. */
  record Order(UUID id, String token) {}

  private final InProcessProst prost;
  private final WebClient cart;
  private final WebClient orders;
  private final String admin;

  LifecycleSteps(InProcessProst prost, WebClient cart, WebClient orders) {
    this.prost = prost;
    this.cart = cart;
    this.orders = orders;
    this.admin = prost.token(UUID.randomUUID(), Set.of("admin"));
  }

  Future<HttpResponse<Buffer>> cancel(Order o) {
    return cancel(orders, o);
  }

  /** The customer's cancel, sent with {@code client}. */
  static Future<HttpResponse<Buffer>> cancel(WebClient client, Order o) {
    return client.post("/api/orders/" + o.id() + "/cancel").putHeader("Authorization", "Bearer " + o.token()).send();
  }

  Future<HttpResponse<Buffer>> ship(Order o) {
    return asAdmin(o, "ship", new JsonObject().put("carrier", "DHL").put("tracking_number", "T-" + o.id()));
  }

  Future<HttpResponse<Buffer>> deliver(Order o) {
    return asAdmin(o, "deliver", null);
  }

  Future<HttpResponse<Buffer>> refund(Order o, boolean restock) {
    return asAdmin(o, "refund", new JsonObject().put("restock", restock));
  }

  private Future<HttpResponse<Buffer>> asAdmin(Order o, String action, JsonObject body) {
    var request = orders.post("/api/orders/" + o.id() + "/" + action).putHeader("Authorization", "Bearer " + admin);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** The order's status as an admin reads it, or null if orders does not know it. */
  String status(UUID orderId) {
    HttpResponse<Buffer> order = Await.result(orders.get("/api/orders/" + orderId)
        .putHeader("Authorization", "Bearer " + admin).send());
    return order.statusCode() == 200 ? order.bodyAsJsonObject().getString("status") : null;
  }

  void awaitStatus(Order o, String status) {
    await().alias(o.id() + " " + status).atMost(PATIENCE).until(() -> status.equals(status(o.id())));
  }

  /** The checkout's outcome as the cart tells its customer (INITIATED while it runs). */
  String checkoutStatus(Order o) {
    HttpResponse<Buffer> checkout = Await.result(cart.get("/api/cart/checkouts/" + o.id())
        .putHeader("Authorization", "Bearer " + o.token()).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(200);
    return checkout.bodyAsJsonObject().getString("status");
  }

  /**
   * {@code n} customers each check out one to two units of each product, paying with
   * {@code paymentToken}; answers the accepted orders once orders shows each of them.
   */
  List<Order> checkouts(List<UUID> products, int n, String paymentToken) {
    List<String> tokens = new ArrayList<>();
    List<Future<?>> filled = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String token = prost.token(UUID.randomUUID(), Set.of("customer"));
      tokens.add(token);
      Future<Void> chain = Future.succeededFuture();
      for (UUID product : products) {
        int quantity = 1 + i % 2;
        chain = chain.compose(v -> cart.post("/api/cart/items").putHeader("Authorization", "Bearer " + token)
            .sendJsonObject(new JsonObject().put("product_id", product.toString()).put("quantity", quantity))
            .map(r -> {
              assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
              return null;
            }));
      }
      filled.add(chain);
    }
    Await.result(Future.all(filled));
    List<Future<HttpResponse<Buffer>>> accepted = new ArrayList<>();
    for (String token : tokens) {
      accepted.add(cart.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + token)
          .sendJsonObject(new JsonObject().put("payment_token", paymentToken)));
    }
    Await.result(Future.all(accepted));
    List<Order> created = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<Buffer> response = accepted.get(i).result();
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
      Order order = new Order(UUID.fromString(response.bodyAsJsonObject().getString("order_id")), tokens.get(i));
      // the order exists once orders took the checkout: a cancel before that is a 404
      await().atMost(PATIENCE).until(() -> Await.result(orders.get("/api/orders/" + order.id())
          .putHeader("Authorization", "Bearer " + order.token()).send()).statusCode() == 200);
      created.add(order);
    }
    return created;
  }

  /** Asserts a 409 problem+json of type order-state whose detail names {@code state}; nothing changed. */
  void assertConflict(HttpResponse<Buffer> response, Order o, String state) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(ORDER_STATE);
    assertThat(problem.getInteger("status")).isEqualTo(409);
    assertThat(problem.getString("detail")).contains(o.id() + " is " + state + ";");
    assertThat(status(o.id())).isEqualTo(state);
  }
}
