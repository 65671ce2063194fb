package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cart's lock and what is read after it: an edit or a checkout locks the cart and reads it
 * in one round trip, so what it reads must be what the lock's previous holder committed, and a
 * cart closed while it waited must not be the one it changes.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Cart lock: requests that waited on it act on the cart as committed")
class CartLockTest {

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

  @Test
  @DisplayName("an add that waited on a cart closed meanwhile (a confirmed checkout) goes to the cart opened in its place")
  void addAfterTheCartWasReplaced() {
    UUID first = UUID.fromString(add().bodyAsJsonObject().getString("id"));
    UUID second = UUID.randomUUID();

    HttpResponse<Buffer> response = whileReplacing(first, second, this::sendAdd);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("id")).isEqualTo(second.toString());
    assertThat(body.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(1);
    assertThat(cart.scalar("SELECT quantity FROM cart_items WHERE cart_id = '" + first + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("a checkout that waited on a cart closed meanwhile checks out the (empty) cart opened in its place: 409 cart-empty")
  void checkoutAfterTheCartWasReplaced() {
    UUID first = UUID.fromString(add().bodyAsJsonObject().getString("id"));

    HttpResponse<Buffer> response = whileReplacing(first, UUID.randomUUID(), () -> cart.checkout(token, null, "tok_visa"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/cart-empty");
    assertThat(cart.scalar("SELECT count(*) FROM saga_state")).isZero();
  }

  @Test
  @DisplayName("a checkout that waited on an edit prices the lines the edit committed")
  void checkoutSeesTheEditItWaitedFor() {
    UUID id = UUID.fromString(add().bodyAsJsonObject().getString("id"));
    SqlConnection conn = Await.result(cart.pool.getConnection());
    Transaction tx = Await.result(conn.begin());
    Await.result(conn.query("SELECT id FROM carts WHERE id = '" + id + "' FOR UPDATE").execute());
    Future<HttpResponse<Buffer>> checkout = cart.checkout(token, null, "tok_visa");
    awaitOneWaitingOnALock();
    Await.result(conn.query("UPDATE cart_items SET quantity = 3 WHERE cart_id = '" + id + "'").execute());
    Await.result(tx.commit());
    conn.close();

    HttpResponse<Buffer> response = Await.result(checkout);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    String envelope = Await.result(cart.pool.query("SELECT envelope FROM outbox").execute()).iterator().next()
        .getString(0);
    CartCheckoutInitiated event = cart.codec.decode(envelope).eventAs(CartCheckoutInitiated.class);
    assertThat(event.items()).containsExactly(new PricedLine(teapot, 3, 2599));
  }

  // holds the cart's lock while the request arrives and waits, then closes the cart and opens another
  private HttpResponse<Buffer> whileReplacing(UUID closed, UUID opened, Supplier<Future<HttpResponse<Buffer>>> request) {
    SqlConnection conn = Await.result(cart.pool.getConnection());
    Transaction tx = Await.result(conn.begin());
    Await.result(conn.query("SELECT id FROM carts WHERE id = '" + closed + "' FOR UPDATE").execute());
    Future<HttpResponse<Buffer>> sent = request.get();
    awaitOneWaitingOnALock();
    Await.result(conn.query("UPDATE carts SET status = 'CHECKED_OUT' WHERE id = '" + closed + "'").execute());
    Await.result(conn.query("INSERT INTO carts (id, user_id, status) VALUES ('" + opened + "', '" + user
        + "', 'ACTIVE')").execute());
    Await.result(tx.commit());
    conn.close();
    return Await.result(sent);
  }

  private void awaitOneWaitingOnALock() {
    await().atMost(Duration.ofSeconds(10)).until(() -> db.adminScalar(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1);
  }

  private HttpResponse<Buffer> add() {
    return Await.result(sendAdd());
  }

  private Future<HttpResponse<Buffer>> sendAdd() {
    return cart.client.post("/api/cart/items").putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("product_id", teapot.toString()).put("quantity", 1));
  }
}
