package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two customers registered with users, talking through the entry point: B can neither see nor
 * change A's cart, and A's checkout and order answer B exactly as an id that does not exist,
 * for a read and for a cancel alike; moving an order along (ship, deliver, refund) is an admin's.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Security: a customer's cart, checkouts and orders are their own")
class OwnershipTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static SecurityFixture prost;
  private static WebClient entry;
  private static String productId;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    entry = prost.client(Target.ENTRY);
    productId = prost.createProduct("Shared tea").getString("id");
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @DisplayName("B's cart reads and edits never see or touch A's lines")
  void cartIsPerSubject() {
    String a = customer("a");
    String b = customer("b");
    JsonObject cartA = cart(HttpMethod.POST, "/api/cart/items", a, line(productId, 2));

    JsonObject seenByB = cart(HttpMethod.GET, "/api/cart", b, null);
    assertThat(seenByB.getString("id")).isNotEqualTo(cartA.getString("id"));
    assertThat(seenByB.getJsonArray("items")).isEmpty();
    assertThat(cart(HttpMethod.DELETE, "/api/cart/items/" + productId, b, null).getJsonArray("items")).isEmpty();
    Answers.assertProblem(Api.send(entry, HttpMethod.PATCH, "/api/cart/items/" + productId, b,
        new JsonObject().put("quantity", 5)), 404, "not-found");
    assertThat(cart(HttpMethod.DELETE, "/api/cart", b, null).getJsonArray("items")).isEmpty();
    JsonObject bAdded = cart(HttpMethod.POST, "/api/cart/items", b, line(productId, 1));
    assertThat(bAdded.getString("id")).isEqualTo(seenByB.getString("id"));
    assertThat(bAdded.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(1);

    // A's cart is exactly as A left it
    assertThat(cart(HttpMethod.GET, "/api/cart", a, null)).isEqualTo(cartA);
    assertThat(db.adminScalar("SELECT quantity FROM cart_schema.cart_items WHERE cart_id = '"
        + cartA.getString("id") + "'")).isEqualTo(2);
  }

  @Test
  @DisplayName("A's checkout and order are 404 for B, the same answer as an unknown id, straight and through the entry point")
  void checkoutAndOrderAnswerAsUnknown() {
    String a = customer("a");
    String b = customer("b");
    cart(HttpMethod.POST, "/api/cart/items", a, line(productId, 1));
    String order = checkout(a, UUID.randomUUID().toString());
    // the order exists for its owner (and for an admin) once orders has taken the checkout
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Api.get(entry, "/api/orders/" + order, a).statusCode() == 200);
    assertThat(Api.get(entry, "/api/cart/checkouts/" + order, a).statusCode()).isEqualTo(200);
    assertThat(Api.get(entry, "/api/orders/" + order, prost.adminToken()).statusCode()).isEqualTo(200);

    String unknown = UUID.randomUUID().toString();
    for (Target target : List.of(Target.CART, Target.ENTRY)) {
      assertSameAsUnknown(target, HttpMethod.GET, "/api/cart/checkouts/{id}", order, unknown, b);
    }
    for (Target target : List.of(Target.ORDERS, Target.ENTRY)) {
      assertSameAsUnknown(target, HttpMethod.GET, "/api/orders/{id}", order, unknown, b);
    }

    JsonObject ordersOfB = Api.expect(200, Api.get(entry, "/api/orders", b)).bodyAsJsonObject();
    assertThat(ordersOfB.getInteger("total")).isZero();
    assertThat(ordersOfB.getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("B repeating A's Idempotency-Key and body starts B's own checkout, not a replay of A's")
  void idempotencyKeysArePerUser() {
    String a = customer("a");
    String b = customer("b");
    String key = UUID.randomUUID().toString();
    cart(HttpMethod.POST, "/api/cart/items", a, line(productId, 1));
    cart(HttpMethod.POST, "/api/cart/items", b, line(productId, 1));
    String orderOfA = checkout(a, key);
    String orderOfB = checkout(b, key);
    assertThat(orderOfB).isNotEqualTo(orderOfA);
    Answers.assertProblem(Api.get(entry, "/api/cart/checkouts/" + orderOfA, b), 404, "not-found");
    assertThat(Api.get(entry, "/api/cart/checkouts/" + orderOfB, b).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("B's cancel of A's order is 404 as for an unknown id, ship, deliver and refund are 403 (an admin's) for"
      + " B and A alike; A's order is untouched and A can still cancel it")
  void anotherCustomerCannotMoveMyOrder() {
    String a = customer("a");
    String b = customer("b");
    cart(HttpMethod.POST, "/api/cart/items", a, line(productId, 1));
    String order = checkout(a, UUID.randomUUID().toString());
    await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(statusOf(order, a)));

    String unknown = UUID.randomUUID().toString();
    for (Target target : List.of(Target.ORDERS, Target.ENTRY)) {
      assertSameAsUnknown(target, HttpMethod.POST, "/api/orders/{id}/cancel", order, unknown, b);
      for (String customer : List.of(b, a)) {
        for (Map.Entry<String, JsonObject> admins : Map.of(
            "ship", new JsonObject().put("carrier", "DHL").put("tracking_number", "T-1"),
            "deliver", new JsonObject(),
            "refund", new JsonObject().put("restock", true)).entrySet()) {
          Answers.assertProblem(Api.send(prost.client(target), HttpMethod.POST,
              "/api/orders/" + order + "/" + admins.getKey(), customer, admins.getValue()), 403, "forbidden");
        }
      }
    }

    assertThat(statusOf(order, a)).isEqualTo("CONFIRMED");
    assertThat(db.adminScalar("SELECT count(*) FROM orders_schema.saga_events WHERE order_id = '" + order
        + "' AND input IN ('CANCEL_REQUESTED', 'SHIP_REQUESTED', 'DELIVERY_CONFIRMED', 'REFUND_REQUESTED',"
        + " 'RESTOCK_REFUND_REQUESTED')")).isZero();
    Api.expect(202, Api.send(entry, HttpMethod.POST, "/api/orders/" + order + "/cancel", a, null));
  }

  private static String statusOf(String order, String token) {
    HttpResponse<Buffer> seen = Api.get(entry, "/api/orders/" + order, token);
    return seen.statusCode() == 200 ? seen.bodyAsJsonObject().getString("status") : null;
  }

  /**
   * B's answer for A's id and for an id nobody has ({@code {id}} in {@code path}): same status,
   * type, title, and detail but for the id.
   */
  private static void assertSameAsUnknown(Target target, HttpMethod method, String path, String order,
      String unknown, String b) {
    HttpResponse<Buffer> others = Api.send(prost.client(target), method, path.replace("{id}", order), b, null);
    HttpResponse<Buffer> missing = Api.send(prost.client(target), method, path.replace("{id}", unknown), b, null);
    Answers.assertProblem(others, 404, "not-found");
    Answers.assertProblem(missing, 404, "not-found");
    assertThat(comparable(others, order)).as(target + " " + method + " " + path)
        .isEqualTo(comparable(missing, unknown));
    assertThat(others.getHeader("Content-Type")).isEqualTo(missing.getHeader("Content-Type"));
  }

  private static JsonObject comparable(HttpResponse<Buffer> response, String id) {
    JsonObject problem = response.bodyAsJsonObject().copy();
    problem.remove("instance");
    if (problem.getString("detail") != null) {
      problem.put("detail", problem.getString("detail").replace(id, "{id}"));
    }
    return problem;
  }

  private static String customer(String name) {
    String email = Api.email(name);
    Api.register(prost.client(Target.USERS), email, "password of " + email);
    return Api.login(entry, email, "password of " + email, null);
  }

  private static String checkout(String token, String key) {
    HttpResponse<Buffer> started = Api.expect(202, Await.result(entry.post("/api/cart/checkout")
        .bearerTokenAuthentication(token).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("payment_token", "tok_visa"))));
    return started.bodyAsJsonObject().getString("order_id");
  }

  private static JsonObject cart(HttpMethod method, String uri, String token, JsonObject body) {
    return Api.expect(200, Api.send(entry, method, uri, token, body)).bodyAsJsonObject();
  }

  private static JsonObject line(String product, int quantity) {
    return new JsonObject().put("product_id", product).put("quantity", quantity);
  }
}
