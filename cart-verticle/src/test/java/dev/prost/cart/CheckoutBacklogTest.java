package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.http.HttpErrors;
import dev.prost.platform.http.Problem;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checkout gate against the running cart service. No orders service runs, so a checkout
 * stays in flight until the test publishes its outcome: the test decides the backlog.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Checkouts past the saga's backlog are refused at the door, and admitted again once it drains")
class CheckoutBacklogTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int FLOOR = 3;
  private static final int OFFERED = 20;
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CartFixture cart;
  private UUID teapot;

  private void start(Vertx vertx, String maxBacklog, String window) {
    cart = new CartFixture(vertx, db, Map.of(
        "PROST_CHECKOUT_BACKLOG_FLOOR", Integer.toString(FLOOR),
        "PROST_CHECKOUT_MAX_BACKLOG", maxBacklog,
        "PROST_CHECKOUT_BACKLOG_WINDOW", window,
        "PROST_CHECKOUT_BACKLOG_REFRESH", "100ms")).start();
    teapot = cart.product("Teapot", 2599, "EUR", true);
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  @Test
  @DisplayName("past the floor with nothing ending: fast 503 overloaded with Retry-After, nothing changed; admitted once outcomes drain it")
  void refusesPastTheBacklog(Vertx vertx) {
    start(vertx, "1s", "5s");
    List<Customer> inFlight = new ArrayList<>();
    for (int i = 0; i <= FLOOR; i++) {
      Customer customer = customer();
      assertThat(checkout(customer).statusCode()).isEqualTo(202);
      inFlight.add(customer);
    }
    // one more than the floor in flight and none ended: the backlog is endless once read
    await().atMost(PATIENCE).until(() -> gauge("prost_cart_checkout_inflight") == FLOOR + 1);

    List<Customer> refused = new ArrayList<>();
    for (int i = 0; i < OFFERED; i++) {
      refused.add(customer());
    }
    String before = tables();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(cart.port), new PoolOptions().setHttp1MaxSize(OFFERED));
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (Customer customer : refused) {
      calls.add(client.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + customer.token)
          .putHeader("Idempotency-Key", "key-" + customer.id)
          .sendJsonObject(new JsonObject().put("payment_token", "tok_visa")));
    }
    Await.result(Future.all(calls));
    client.close();
    assertThat(calls).allSatisfy(call -> assertOverloaded(call.result()));
    // a refused checkout changed nothing: no saga, no event, no stored key, every cart still open
    assertThat(tables()).isEqualTo(before);
    assertThat(refusals()).isGreaterThanOrEqualTo(OFFERED);

    for (int i = 0; i < inFlight.size(); i++) {
      Customer customer = inFlight.get(i);
      cart.publish(i % 2 == 0
          ? EventEnvelope.first("orders", customer.orderId, new OrderConfirmed(customer.orderId, customer.id,
              List.of(new StockLine(teapot, 1))))
          : EventEnvelope.first("orders", customer.orderId, new OrderFailed(customer.orderId, customer.id, "declined")),
          i % 2 == 0 ? "order.confirmed" : "order.failed");
    }
    // drained: the customers refused check out now, as a client told to retry would
    Customer first = refused.get(0);
    await().atMost(PATIENCE).until(() -> checkout(first).statusCode() == 202);
    for (Customer customer : refused.subList(1, FLOOR)) {
      assertThat(checkout(customer).statusCode()).isEqualTo(202);
    }
  }

  @Test
  @DisplayName("past the floor with checkouts ending at a rate that clears them in time: admitted")
  void admitsWhileTheRateKeepsUp(Vertx vertx) {
    // a long window and a generous bound: however slow the machine, the rate read covers the backlog
    start(vertx, "120s", "60s");
    List<Customer> ended = new ArrayList<>();
    for (int i = 0; i <= FLOOR; i++) {
      Customer customer = customer();
      assertThat(checkout(customer).statusCode()).isEqualTo(202);
      ended.add(customer);
    }
    for (Customer customer : ended) {
      cart.publish(EventEnvelope.first("orders", customer.orderId, new OrderConfirmed(customer.orderId, customer.id,
          List.of(new StockLine(teapot, 1)))), "order.confirmed");
    }
    await().atMost(PATIENCE).until(() -> gauge("prost_cart_checkout_inflight") == 0
        && gauge("prost_cart_checkout_ended_per_second") > 0);

    int more = 2 * FLOOR + 2;
    for (int i = 0; i < more; i++) {
      assertThat(checkout(customer()).statusCode()).as("checkout %d", i).isEqualTo(202);
    }
    await().atMost(PATIENCE).until(() -> gauge("prost_cart_checkout_inflight") == more);
    assertThat(gauge("prost_cart_checkout_backlog_seconds")).isFinite().isPositive();
    assertThat(refusals()).isZero();
  }

  /** A customer with a teapot in the cart. */
  private Customer customer() {
    UUID id = UUID.randomUUID();
    String token = cart.token(id);
    var added = cart.send("POST", "/api/cart/items", token,
        new JsonObject().put("product_id", teapot.toString()).put("quantity", 1));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(200);
    return new Customer(id, token);
  }

  private HttpResponse<Buffer> checkout(Customer customer) {
    HttpResponse<Buffer> response = Await.result(cart.checkout(customer.token, null, "tok_visa"));
    if (response.statusCode() == 202) {
      customer.orderId = UUID.fromString(response.bodyAsJsonObject().getString("order_id"));
    }
    return response;
  }

  private static void assertOverloaded(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(response.getHeader("content-type")).isEqualTo(HttpErrors.PROBLEM_JSON);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "overloaded");
  }

  /** What a checkout writes, counted. */
  private String tables() {
    return cart.scalar("SELECT count(*) FROM saga_state") + " sagas, "
        + cart.scalar("SELECT count(*) FROM outbox") + " events, "
        + cart.scalar("SELECT count(*) FROM idempotency_keys") + " keys, "
        + cart.scalar("SELECT count(*) FROM carts WHERE status = 'ACTIVE'") + " open carts, "
        + cart.scalar("SELECT count(*) FROM cart_items") + " lines, "
        + cart.scalar("SELECT coalesce(sum(version), 0) FROM carts") + " versions";
  }

  private double gauge(String name) {
    return value(Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$"));
  }

  private double refusals() {
    return value(Pattern.compile(
        "(?m)^prost_admission_refused_total\\{cause=\"backlog\",lane=\"checkouts\",service=\"cart\"} (\\S+)$"));
  }

  private double value(Pattern pattern) {
    String metrics = cart.send("GET", "/metrics", null, null).bodyAsString();
    Matcher matcher = pattern.matcher(metrics);
    assertThat(matcher.find()).as("%s in %s", pattern, metrics).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private static final class Customer {
    final UUID id;
    final String token;
    UUID orderId;

    Customer(UUID id, String token) {
      this.id = id;
      this.token = token;
    }
  }
}
