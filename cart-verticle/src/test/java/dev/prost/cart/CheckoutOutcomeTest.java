package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Checkout outcomes: OrderConfirmed and OrderFailed close the cart's side of the saga")
class CheckoutOutcomeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CartFixture cart;
  private UUID user;
  private String token;
  private UUID teapot;

  @BeforeEach
  void start(Vertx vertx) {
    cart = new CartFixture(vertx, db).start();
    user = UUID.randomUUID();
    token = cart.token(user);
    teapot = cart.product("Teapot", 2599, "EUR", true);
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  private JsonObject ok(String method, String path, JsonObject body) {
    var response = cart.send(method, path, token, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private UUID checkout() {
    ok("POST", "/api/cart/items", new JsonObject().put("product_id", teapot.toString()).put("quantity", 2));
    var response = Await.result(cart.checkout(token, null, "tok_visa"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return UUID.fromString(response.bodyAsJsonObject().getString("order_id"));
  }

  private JsonObject view(UUID orderId) {
    return ok("GET", "/api/cart/checkouts/" + orderId, null);
  }

  /** Publishes as orders' relay would (with confirms) and waits until the inbox row committed. */
  private void deliver(EventEnvelope envelope, String routingKey) {
    cart.publish(envelope, routingKey);
    UUID eventId = envelope.metadata().eventId();
    await().atMost(PATIENCE).until(() ->
        cart.scalar("SELECT count(*) FROM processed_events WHERE event_id = '" + eventId + "'") == 1);
  }

  private EventEnvelope confirmed(UUID orderId) {
    return EventEnvelope.first("orders", orderId, new OrderConfirmed(orderId, user, List.of(new StockLine(teapot, 2))));
  }

  private EventEnvelope failed(UUID orderId, String reason) {
    return EventEnvelope.first("orders", orderId, new OrderFailed(orderId, user, reason));
  }

  private long carts(String status) {
    return cart.scalar("SELECT count(*) FROM carts WHERE status = '" + status + "'");
  }

  @Test
  @DisplayName("OrderConfirmed: checkout CONFIRMED, the cart CHECKED_OUT, a new empty ACTIVE cart; "
      + "a duplicate (new event id) and a late OrderFailed change nothing")
  void confirmedClosesCheckout() {
    UUID orderId = checkout();
    assertThat(view(orderId).getString("status")).isEqualTo("INITIATED");
    UUID frozen = UUID.fromString(ok("GET", "/api/cart", null).getString("id"));

    deliver(confirmed(orderId), "order.confirmed");
    assertThat(view(orderId)).isEqualTo(new JsonObject().put("order_id", orderId.toString())
        .put("status", "CONFIRMED").putNull("reason"));
    assertThat(cart.scalar("SELECT count(*) FROM carts WHERE id = '" + frozen + "' AND status = 'CHECKED_OUT'"))
        .isEqualTo(1);
    JsonObject fresh = ok("GET", "/api/cart", null);
    assertThat(fresh.getString("id")).isNotEqualTo(frozen.toString());
    assertThat(fresh.getString("status")).isEqualTo("ACTIVE");
    assertThat(fresh.getJsonArray("items")).isEmpty();

    ok("POST", "/api/cart/items", new JsonObject().put("product_id", teapot.toString()).put("quantity", 1));
    deliver(confirmed(orderId), "order.confirmed");
    deliver(failed(orderId, "late"), "order.failed");
    assertThat(view(orderId).getString("status")).isEqualTo("CONFIRMED");
    assertThat(view(orderId).getValue("reason")).isNull();
    assertThat(carts("CHECKED_OUT")).isEqualTo(1);
    assertThat(carts("ACTIVE")).isEqualTo(1);
    JsonObject still = ok("GET", "/api/cart", null);
    assertThat(still.getString("id")).isEqualTo(fresh.getString("id"));
    assertThat(still.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(1);
  }

  @Test
  @DisplayName("OrderFailed: checkout FAILED with the reason, the cart ACTIVE with its lines and editable; "
      + "a duplicate does not reopen the cart of a later checkout")
  void failedReopensCart() {
    UUID orderId = checkout();
    UUID frozen = UUID.fromString(ok("GET", "/api/cart", null).getString("id"));

    deliver(failed(orderId, "payment declined"), "order.failed");
    assertThat(view(orderId)).isEqualTo(new JsonObject().put("order_id", orderId.toString())
        .put("status", "FAILED").put("reason", "payment declined"));
    JsonObject reopened = ok("GET", "/api/cart", null);
    assertThat(reopened.getString("id")).isEqualTo(frozen.toString());
    assertThat(reopened.getString("status")).isEqualTo("ACTIVE");
    assertThat(reopened.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(2);
    JsonObject edited = ok("PATCH", "/api/cart/items/" + teapot, new JsonObject().put("quantity", 1));
    assertThat(edited.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(1);

    // the same cart is checked out again; a repeated failure of the first order must not thaw it
    var again = Await.result(cart.checkout(token, null, "tok_visa"));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(202);
    deliver(failed(orderId, "repeated"), "order.failed");
    deliver(confirmed(orderId), "order.confirmed");
    assertThat(view(orderId).getString("reason")).isEqualTo("payment declined");
    assertThat(view(orderId).getString("status")).isEqualTo("FAILED");
    assertThat(ok("GET", "/api/cart", null).getString("status")).isEqualTo("CHECKING_OUT");
    assertThat(carts("CHECKED_OUT")).isZero();
  }

  @Test
  @DisplayName("?wait=8 holds the status request while INITIATED and answers the outcome once it is applied")
  void waitingRequestAnswersTheOutcome() {
    UUID orderId = checkout();
    var held = cart.client.get("/api/cart/checkouts/" + orderId + "?wait=8")
        .putHeader("Authorization", "Bearer " + token).send();

    deliver(failed(orderId, "payment declined"), "order.failed");

    var response = Await.result(held);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("order_id", orderId.toString())
        .put("status", "FAILED").put("reason", "payment declined"));
  }

  @Test
  @DisplayName("?wait answers INITIATED when the time is up; another user's checkout is 404 at once; "
      + "a wait outside 0-8 is a 400 naming it")
  void waitLimits() {
    UUID orderId = checkout();
    assertThat(ok("GET", "/api/cart/checkouts/" + orderId + "?wait=1", null).getString("status"))
        .isEqualTo("INITIATED");

    var stranger = cart.send("GET", "/api/cart/checkouts/" + orderId + "?wait=8", cart.token(UUID.randomUUID()), null);
    assertThat(stranger.statusCode()).isEqualTo(404);

    for (String wait : new String[] {"9", "-1", "soon"}) {
      var refused = cart.send("GET", "/api/cart/checkouts/" + orderId + "?wait=" + wait, token, null);
      assertThat(refused.statusCode()).as(wait).isEqualTo(400);
      assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
      assertThat(refused.bodyAsString()).contains("wait");
    }
  }

  @Test
  @DisplayName("an outcome for an order the cart never started is recorded and ignored")
  void unknownOrderIgnored() {
    checkout();
    deliver(confirmed(UUID.randomUUID()), "order.confirmed");
    assertThat(ok("GET", "/api/cart", null).getString("status")).isEqualTo("CHECKING_OUT");
    assertThat(cart.scalar("SELECT count(*) FROM saga_state WHERE status = 'INITIATED'")).isEqualTo(1);
  }
}
