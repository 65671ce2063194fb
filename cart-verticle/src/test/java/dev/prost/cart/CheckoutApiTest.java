package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Checkout over HTTP: one transaction, one event, Idempotency-Key")
class CheckoutApiTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CartFixture cart;
  private UUID user;
  private String token;

  @BeforeEach
  void start(Vertx vertx) {
    cart = new CartFixture(vertx, db).start();
    user = UUID.randomUUID();
    token = cart.token(user);
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  private void add(UUID product, int quantity) {
    var response = cart.send("POST", "/api/cart/items", token,
        new JsonObject().put("product_id", product.toString()).put("quantity", quantity));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> await(Future<HttpResponse<Buffer>> response) {
    return Await.result(response);
  }

  private static void problem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/" + type);
  }

  private long events() {
    return cart.scalar("SELECT count(*) FROM outbox WHERE event_type = 'CartCheckoutInitiated'");
  }

  @Test
  @DisplayName("checkout freezes the cart, writes saga_state INITIATED and the event with the price snapshot, "
      + "correlation_id = order_id, all in one transaction")
  void checkoutWritesEventWithSnapshot() {
    UUID teapot = cart.product("Teapot", 2599, "EUR", true);
    UUID cup = cart.product("Cup", 450, "EUR", true);
    add(teapot, 1);
    add(cup, 2);
    // the snapshot is the projection's price at checkout, not when the line was added
    cart.sql("UPDATE product_view SET price_cents = 500 WHERE product_id = '" + cup + "'");

    var response = await(cart.checkout(token, null, "tok_visa"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    JsonObject body = response.bodyAsJsonObject();
    UUID orderId = UUID.fromString(body.getString("order_id"));
    assertThat(body).isEqualTo(new JsonObject().put("order_id", orderId.toString()).put("status", "INITIATED")
        .put("status_url", "/api/cart/checkouts/" + orderId));

    Row outbox = Await.result(cart.pool.query("SELECT correlation_id, exchange, routing_key, envelope, "
        + "created_at FROM outbox WHERE event_type = 'CartCheckoutInitiated'").execute()).iterator().next();
    assertThat(outbox.getUUID(0)).isEqualTo(orderId);
    assertThat(outbox.getString(1)).isEqualTo("cart.events");
    assertThat(outbox.getString(2)).isEqualTo("checkout.initiated");
    EventEnvelope envelope = cart.codec.decode(outbox.getString(3));
    assertThat(envelope.metadata().correlationId()).isEqualTo(orderId);
    CartCheckoutInitiated event = envelope.eventAs(CartCheckoutInitiated.class);
    Row cartRow = Await.result(cart.pool.query("SELECT id, status, xmin::text FROM carts").execute()).iterator().next();
    assertThat(event).isEqualTo(new CartCheckoutInitiated(orderId, cartRow.getUUID(0), user,
        List.of(new PricedLine(teapot, 1, 2599), new PricedLine(cup, 2, 500)), 3599, "EUR", "tok_visa"));
    assertThat(cartRow.getString(1)).isEqualTo("CHECKING_OUT");

    Row saga = Await.result(cart.pool.query("SELECT order_id, cart_id, user_id, status, xmin::text, created_at"
        + " FROM saga_state").execute()).iterator().next();
    assertThat(List.of(saga.getUUID(0), saga.getUUID(1), saga.getUUID(2)))
        .containsExactly(orderId, cartRow.getUUID(0), user);
    assertThat(saga.getString(3)).isEqualTo("INITIATED");
    // one transaction wrote all three rows: the cart and saga rows carry the same transaction id, and
    // the outbox row (whose xmin the relay changes when it marks it published) that transaction's now()
    assertThat(saga.getString(4)).isEqualTo(cartRow.getString(2));
    assertThat(outbox.getOffsetDateTime(4)).isEqualTo(saga.getOffsetDateTime(5));

    JsonObject read = cart.send("GET", "/api/cart", token, null).bodyAsJsonObject();
    assertThat(read.getString("status")).isEqualTo("CHECKING_OUT");
    var edit = cart.send("POST", "/api/cart/items", token,
        new JsonObject().put("product_id", teapot.toString()).put("quantity", 1));
    problem(edit, 409, "cart-checking-out");
  }

  @Test
  @DisplayName("two concurrent checkouts of one cart: exactly one 202 and one 409 cart-checking-out")
  void concurrentCheckouts() {
    add(cart.product("Teapot", 2599, "EUR", true), 1);
    var first = cart.checkout(token, null, "tok_visa");
    var second = cart.checkout(token, null, "tok_visa");
    Await.result(Future.join(first, second));
    List<Integer> statuses = List.of(first.result().statusCode(), second.result().statusCode());
    assertThat(statuses).containsExactlyInAnyOrder(202, 409);
    problem(first.result().statusCode() == 409 ? first.result() : second.result(), 409, "cart-checking-out");
    assertThat(events()).isEqualTo(1);
    assertThat(cart.scalar("SELECT count(*) FROM saga_state")).isEqualTo(1);
  }

  @Test
  @DisplayName("a retry with the same Idempotency-Key gets the same 202 body and writes no second event; "
      + "the same key with another body is 422; another key is a new request (409, already checking out)")
  void idempotentRetry() {
    add(cart.product("Teapot", 2599, "EUR", true), 1);
    var first = await(cart.checkout(token, "key-1", "tok_visa"));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    var retry = await(cart.checkout(token, "key-1", "tok_visa"));
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(events()).isEqualTo(1);

    problem(await(cart.checkout(token, "key-1", "tok_other")), 422, "idempotency-key-reused");
    problem(await(cart.checkout(token, "key-2", "tok_visa")), 409, "cart-checking-out");
    // keys are per user: another user's same key is a request of its own
    var other = await(cart.checkout(cart.token(UUID.randomUUID()), "key-1", "tok_visa"));
    problem(other, 409, "cart-empty");
    assertThat(events()).isEqualTo(1);
  }

  @Test
  @DisplayName("ten concurrent requests with one Idempotency-Key: one checkout, ten identical 202 answers")
  void concurrentSameKey() {
    add(cart.product("Teapot", 2599, "EUR", true), 1);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(cart.checkout(token, "same-key", "tok_visa"));
    }
    Await.result(Future.join(sent));
    String body = sent.get(0).result().bodyAsString();
    assertThat(sent).allSatisfy(response -> {
      assertThat(response.result().statusCode()).as(response.result().bodyAsString()).isEqualTo(202);
      assertThat(response.result().bodyAsString()).isEqualTo(body);
    });
    assertThat(events()).isEqualTo(1);
    assertThat(cart.scalar("SELECT count(*) FROM saga_state")).isEqualTo(1);
  }

  @Test
  @DisplayName("a key older than 24 hours is ignored: the request is evaluated as new")
  void expiredKeyIgnored() {
    add(cart.product("Teapot", 2599, "EUR", true), 1);
    assertThat(await(cart.checkout(token, "old", "tok_visa")).statusCode()).isEqualTo(202);
    cart.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'");
    // as new: the cart is checking out already, and another body is no longer "reuse"
    problem(await(cart.checkout(token, "old", "tok_other")), 409, "cart-checking-out");
  }

  @Test
  @DisplayName("an empty cart is 409 cart-empty; an inactive or vanished product is 422 naming product_id")
  void refusals() {
    problem(await(cart.checkout(token, null, "tok_visa")), 409, "cart-empty");

    UUID teapot = cart.product("Teapot", 2599, "EUR", true);
    add(teapot, 1);
    cart.sql("UPDATE product_view SET active = false WHERE product_id = '" + teapot + "'");
    var inactive = await(cart.checkout(token, "k", "tok_visa"));
    problem(inactive, 422, "inactive-product");
    assertThat(inactive.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("product_id");
    cart.sql("DELETE FROM product_view WHERE product_id = '" + teapot + "'");
    problem(await(cart.checkout(token, "k", "tok_visa")), 422, "unknown-product");

    // nothing of a refused checkout stays: no event, no saga, no stored key, the cart editable
    assertThat(events()).isZero();
    assertThat(cart.scalar("SELECT count(*) FROM saga_state")).isZero();
    assertThat(cart.scalar("SELECT count(*) FROM idempotency_keys")).isZero();
    assertThat(cart.send("GET", "/api/cart", token, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("ACTIVE");
  }

  @Test
  @DisplayName("mixed currencies (a product re-priced in another currency) are 422 currency-mismatch")
  void mixedCurrencies() {
    UUID teapot = cart.product("Teapot", 2599, "EUR", true);
    add(teapot, 1);
    add(cart.product("Cup", 450, "EUR", true), 1);
    cart.sql("UPDATE product_view SET currency = 'USD' WHERE product_id = '" + teapot + "'");
    problem(await(cart.checkout(token, null, "tok_visa")), 422, "currency-mismatch");
  }

  @Test
  @DisplayName("an empty or blank payment_token or an Idempotency-Key over 200 characters is 400")
  void contract() {
    add(cart.product("Teapot", 2599, "EUR", true), 1);
    assertThat(await(cart.checkout(token, null, "")).statusCode()).isEqualTo(400);
    // orders would dead-letter a checkout without a token, and the cart would stay frozen
    problem(await(cart.checkout(token, null, " \t\u2003")), 400, "validation");
    assertThat(await(cart.checkout(token, "k".repeat(201), "tok_visa")).statusCode()).isEqualTo(400);
    assertThat(events()).isZero();
  }

  @Test
  @DisplayName("the owner sees the checkout INITIATED; another user's checkout id and an unknown one are 404")
  void checkoutView() {
    add(cart.product("Teapot", 2599, "EUR", true), 1);
    String orderId = await(cart.checkout(token, null, "tok_visa")).bodyAsJsonObject().getString("order_id");
    var own = cart.send("GET", "/api/cart/checkouts/" + orderId, token, null);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.bodyAsJsonObject()).isEqualTo(new JsonObject().put("order_id", orderId)
        .put("status", "INITIATED").putNull("reason"));

    var stranger = cart.send("GET", "/api/cart/checkouts/" + orderId, cart.token(UUID.randomUUID()), null);
    var unknown = cart.send("GET", "/api/cart/checkouts/" + UUID.randomUUID(), token, null);
    problem(stranger, 404, "not-found");
    problem(unknown, 404, "not-found");
    assertThat(stranger.bodyAsJsonObject().getString("title")).isEqualTo(unknown.bodyAsJsonObject().getString("title"));
  }
}
