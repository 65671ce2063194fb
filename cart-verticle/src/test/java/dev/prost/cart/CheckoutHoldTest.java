package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Held status requests ({@code ?wait=8}) against the running cart service: the outcome the
 * consumer applies answers them, and none is left in the table afterwards ({@code /metrics}).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Held checkout status requests: woken by the applied outcome, never left behind")
class CheckoutHoldTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Pattern WAITERS = Pattern.compile("(?m)^prost_cart_checkout_waiters(?:\\{[^}]*})? (\\S+)$");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CartFixture cart;
  private UUID teapot;

  @BeforeEach
  void start(Vertx vertx) {
    cart = new CartFixture(vertx, db).start();
    teapot = cart.product("Teapot", 2599, "EUR", true);
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  /** A new customer's checkout of one teapot; its order id. */
  private UUID checkout(String token) {
    return cart.checkOutOne(token, teapot);
  }

  private long waiters() {
    String metrics = cart.send("GET", "/metrics", null, null).bodyAsString();
    Matcher matcher = WAITERS.matcher(metrics);
    assertThat(matcher.find()).as("prost_cart_checkout_waiters in %s", metrics).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }

  private static EventEnvelope confirmed(UUID orderId, UUID user) {
    return EventEnvelope.first("orders", orderId, new OrderConfirmed(orderId, user, List.of(new StockLine(UUID.randomUUID(), 1))));
  }

  private static EventEnvelope failed(UUID orderId, UUID user, String reason) {
    return EventEnvelope.first("orders", orderId, new OrderFailed(orderId, user, reason));
  }

  @Test
  @DisplayName("a held request answers CONFIRMED once the outcome is applied, and leaves no waiter")
  void answersOnceApplied() {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID orderId = checkout(token);
    Future<HttpResponse<Buffer>> held = cart.client.get("/api/cart/checkouts/" + orderId + "?wait=8")
        .putHeader("Authorization", "Bearer " + token).send();
    await().atMost(PATIENCE).until(() -> waiters() == 1);

    cart.publish(confirmed(orderId, user), "order.confirmed");

    var response = Await.result(held);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("order_id", orderId.toString())
        .put("status", "CONFIRMED").putNull("reason"));
    await().atMost(PATIENCE).until(() -> waiters() == 0);
  }

  @Test
  @DisplayName("a client that disconnects mid-hold leaves no waiter behind; the outcome still applies")
  void disconnectLeavesNoWaiter(Vertx vertx) {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID orderId = checkout(token);
    HttpClient client = vertx.createHttpClient(new HttpClientOptions());
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(cart.port)
            .setURI("/api/cart/checkouts/" + orderId + "?wait=8").putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.send());
    await().atMost(PATIENCE).until(() -> waiters() == 1);

    Await.result(client.close());

    await().atMost(PATIENCE).until(() -> waiters() == 0);
    cart.publish(failed(orderId, user, "payment declined"), "order.failed");
    await().atMost(PATIENCE).until(() ->
        cart.scalar("SELECT count(*) FROM saga_state WHERE status = 'FAILED'") == 1);
    assertThat(waiters()).isZero();
    assertThat(cart.send("GET", "/api/cart/checkouts/" + orderId, token, null).bodyAsJsonObject()
        .getString("status")).isEqualTo("FAILED");
  }

  @Test
  @DisplayName("many holds on many checkouts, two per checkout, all answer their own checkout's outcome")
  void manyHolds(Vertx vertx) {
    int checkouts = 30;
    List<UUID> users = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < checkouts; i++) {
      users.add(UUID.randomUUID());
      tokens.add(cart.token(users.get(i)));
      orders.add(checkout(tokens.get(i)));
    }
    // enough connections for every hold at once (the default pool would queue all but five)
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(cart.port), new PoolOptions().setHttp1MaxSize(2 * checkouts));
    List<Future<HttpResponse<Buffer>>> held = new ArrayList<>();
    for (int i = 0; i < 2 * checkouts; i++) {
      int c = i % checkouts;
      held.add(client.get("/api/cart/checkouts/" + orders.get(c) + "?wait=8")
          .putHeader("Authorization", "Bearer " + tokens.get(c)).send());
    }
    await().atMost(PATIENCE).until(() -> waiters() == 2L * checkouts);

    for (int c = 0; c < checkouts; c++) {
      if (c % 2 == 0) {
        cart.publish(confirmed(orders.get(c), users.get(c)), "order.confirmed");
      } else {
        cart.publish(failed(orders.get(c), users.get(c), "declined " + c), "order.failed");
      }
    }

    for (int i = 0; i < 2 * checkouts; i++) {
      int c = i % checkouts;
      var response = Await.result(held.get(i));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject()).as("hold %d", i).isEqualTo(new JsonObject()
          .put("order_id", orders.get(c).toString())
          .put("status", c % 2 == 0 ? "CONFIRMED" : "FAILED")
          .put("reason", c % 2 == 0 ? null : "declined " + c));
    }
    await().atMost(PATIENCE).until(() -> waiters() == 0);
    client.close();
  }
}
