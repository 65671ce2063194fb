package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Held status requests for checkouts this cart process accepted start from the view it
 * committed, not from {@code saga_state}; the others (another instance's checkout or outcome,
 * another user's request) still go to the database.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Held status requests for checkouts accepted here: answered without reading saga_state")
class CheckoutHeldReadTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Pattern WAITERS = Pattern.compile("(?m)^prost_cart_checkout_waiters(?:\\{[^}]*})? (\\S+)$");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CartFixture cart;
  private UUID teapot;

  @BeforeEach
  void start(Vertx vertx) {
    // no checkout gate: its background reads of saga_state would blur the count
    cart = new CartFixture(vertx, db, Map.of("PROST_ADMISSION", "false")).start();
    teapot = cart.product("Teapot", 2599, "EUR", true);
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  private UUID checkout(String token) {
    return cart.checkOutOne(token, teapot);
  }

  private Future<HttpResponse<Buffer>> held(UUID orderId, String token) {
    return cart.client.get("/api/cart/checkouts/" + orderId + "?wait=8")
        .putHeader("Authorization", "Bearer " + token).send();
  }

  private HttpResponse<Buffer> read(UUID orderId, String token) {
    return cart.send("GET", "/api/cart/checkouts/" + orderId, token, null);
  }

  private void confirm(UUID orderId, UUID user) {
    cart.publish(EventEnvelope.first("orders", orderId,
        new OrderConfirmed(orderId, user, List.of(new StockLine(UUID.randomUUID(), 1)))), "order.confirmed");
  }

  private long waiters() {
    String metrics = cart.send("GET", "/metrics", null, null).bodyAsString();
    Matcher matcher = WAITERS.matcher(metrics);
    assertThat(matcher.find()).as("prost_cart_checkout_waiters in %s", metrics).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }

  /**
   * Scans of saga_state (reads and updates each scan it once) once the counter has stood still
   * for longer than the 10 s a backend may keep its counts before it reports them.
   */
  private long settledScans() {
    long[] scans = {sagaScans(), System.nanoTime()};
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      long now = sagaScans();
      if (now != scans[0]) {
        scans[0] = now;
        scans[1] = System.nanoTime();
      }
      return Duration.ofNanos(System.nanoTime() - scans[1]).toSeconds() > 11;
    });
    return scans[0];
  }

  private long sagaScans() {
    return cart.scalar("""
        SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables
        WHERE schemaname = 'cart_schema' AND relname = 'saga_state'""");
  }

  @Test
  @DisplayName("held, then answered by the outcome applied here: no read of saga_state, byte for byte the database's answer")
  void noRead() {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID orderId = checkout(token);
    long before = settledScans();

    Future<HttpResponse<Buffer>> held = held(orderId, token);
    await().atMost(PATIENCE).until(() -> waiters() == 1);
    confirm(orderId, user);
    var answer = Await.result(held);
    var fromDatabase = read(orderId, token);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    assertThat(answer.bodyAsString()).isEqualTo(fromDatabase.bodyAsString());
    assertThat(answer.getHeader("content-type")).isEqualTo(fromDatabase.getHeader("content-type"));
    // the outcome's conditional update and the read without wait: the held request read nothing
    assertThat(settledScans() - before).isEqualTo(2);
  }

  @Test
  @DisplayName("an outcome applied here before the request arrives answers it at once from the table")
  void outcomeFirst() {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID orderId = checkout(token);
    confirm(orderId, user);
    await().atMost(PATIENCE).until(() -> cart.scalar("SELECT count(*) FROM carts WHERE status = 'CHECKED_OUT'") == 1);
    String fromDatabase = read(orderId, token).bodyAsString();
    // the row now names someone else: a read of it would answer 404, the table still answers
    cart.sql("UPDATE saga_state SET user_id = '" + UUID.randomUUID() + "' WHERE order_id = '" + orderId + "'");
    assertThat(read(orderId, token).statusCode()).isEqualTo(404);

    var answer = Await.result(held(orderId, token));

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsString()).isEqualTo(fromDatabase);
  }

  @Test
  @DisplayName("another customer's held request for a checkout accepted here is 404, before and after its outcome")
  void anotherCustomer() {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID orderId = checkout(token);
    String stranger = cart.token(UUID.randomUUID());

    var early = Await.result(held(orderId, stranger));
    confirm(orderId, user);
    await().atMost(PATIENCE).until(() -> cart.scalar("SELECT count(*) FROM carts WHERE status = 'CHECKED_OUT'") == 1);
    var late = Await.result(held(orderId, stranger));

    assertThat(early.statusCode()).as(early.bodyAsString()).isEqualTo(404);
    assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(404);
    assertThat(late.bodyAsString()).doesNotContain("CONFIRMED");
  }

  @Test
  @DisplayName("a checkout another instance accepted and ended is found by the fallback re-read")
  void acceptedElsewhere() {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID cartId = UUID.randomUUID();
    UUID orderId = UUID.randomUUID();
    cart.sql("INSERT INTO carts (id, user_id, status) VALUES ('" + cartId + "', '" + user + "', 'CHECKING_OUT')");
    cart.sql("INSERT INTO saga_state (order_id, cart_id, user_id, status) VALUES ('" + orderId + "', '" + cartId
        + "', '" + user + "', 'INITIATED')");

    Future<HttpResponse<Buffer>> held = held(orderId, token);
    await().atMost(PATIENCE).until(() -> waiters() == 1);
    cart.sql("UPDATE saga_state SET status = 'FAILED', reason = 'payment declined' WHERE order_id = '" + orderId + "'");
    var answer = Await.result(held);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsString()).isEqualTo(read(orderId, token).bodyAsString());
    assertThat(answer.bodyAsJsonObject().getString("reason")).isEqualTo("payment declined");
  }

  @Test
  @DisplayName("a checkout accepted here but ended by another instance is found by the fallback re-read")
  void endedElsewhere() {
    UUID user = UUID.randomUUID();
    String token = cart.token(user);
    UUID orderId = checkout(token);

    Future<HttpResponse<Buffer>> held = held(orderId, token);
    await().atMost(PATIENCE).until(() -> waiters() == 1);
    cart.sql("UPDATE saga_state SET status = 'CONFIRMED' WHERE order_id = '" + orderId + "'");
    var answer = Await.result(held);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsString()).isEqualTo(read(orderId, token).bodyAsString());
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
  }
}
