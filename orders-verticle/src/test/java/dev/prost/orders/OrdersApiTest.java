package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Orders REST: own orders, one order with lines and history, sagas for admins")
class OrdersApiTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private OrdersFixture orders;
  private final UUID alice = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();

  @BeforeEach
  void start(Vertx vertx) {
    orders = new OrdersFixture(vertx, db, Map.of()).start();
  }

  @AfterEach
  void stop() {
    orders.stop();
  }

  private UUID order(UUID user, long unitPrice) {
    UUID orderId = UUID.randomUUID();
    orders.publish(EventEnvelope.first("cart", orderId, new CartCheckoutInitiated(orderId, UUID.randomUUID(), user,
        List.of(new PricedLine(UUID.randomUUID(), 3, unitPrice)), 3 * unitPrice, "EUR", "tok_visa")));
    await().atMost(PATIENCE).until(() -> "CART_VALIDATED".equals(orders.state(orderId)));
    return orderId;
  }

  private JsonObject ok(String path, String token) {
    var response = orders.get(path, token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void anOwnerSeesTheOrderWithLinesAndHistory() {
    UUID orderId = order(alice, 1250);
    JsonObject order = ok("/api/orders/" + orderId, orders.token(alice));
    assertThat(order.getString("id")).isEqualTo(orderId.toString());
    assertThat(order.getString("status")).isEqualTo("CART_VALIDATED");
    assertThat(order.getLong("total_cents")).isEqualTo(3750);
    assertThat(order.getString("currency")).isEqualTo("EUR");
    assertThat(order.getValue("failure_reason")).isNull();
    JsonObject line = order.getJsonArray("items").getJsonObject(0);
    assertThat(line.getInteger("quantity")).isEqualTo(3);
    assertThat(line.getLong("line_total_cents")).isEqualTo(3750);
    JsonArray history = order.getJsonArray("history");
    assertThat(history).hasSize(2);
    assertThat(history.getJsonObject(0).getString("state")).isEqualTo("PENDING");
    assertThat(history.getJsonObject(1).getString("state")).isEqualTo("CART_VALIDATED");
    assertThat(history.getJsonObject(1).getString("at")).endsWith("Z");
  }

  @Test
  void anotherUsersOrderIsNotFoundExactlyLikeAnUnknownOne() {
    UUID orderId = order(alice, 1250);
    var theirs = orders.get("/api/orders/" + orderId, orders.token(bob));
    var unknown = orders.get("/api/orders/" + UUID.randomUUID(), orders.token(bob));
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(theirs.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(theirs.bodyAsJsonObject().getString("type")).isEqualTo(unknown.bodyAsJsonObject().getString("type"));
    // an admin sees it
    assertThat(ok("/api/orders/" + orderId, orders.token(bob, "admin")).getString("id")).isEqualTo(orderId.toString());
  }

  @Test
  void theListIsTheCallersOwnPaginatedNewestFirst() {
    UUID first = order(alice, 100);
    UUID second = order(alice, 200);
    UUID third = order(alice, 300);
    order(bob, 400);

    JsonObject page1 = ok("/api/orders?size=2", orders.token(alice));
    assertThat(page1.getLong("total")).isEqualTo(3);
    assertThat(page1.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly(third.toString(), second.toString());
    JsonObject page2 = ok("/api/orders?size=2&page=2", orders.token(alice));
    assertThat(page2.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly(first.toString());
    JsonObject past = ok("/api/orders?size=2&page=9", orders.token(alice));
    assertThat(past.getJsonArray("items")).isEmpty();
    assertThat(past.getLong("total")).isEqualTo(3);

    assertThat(ok("/api/orders", orders.token(bob, "admin")).getLong("total")).isEqualTo(4);
  }

  @Test
  @DisplayName("an admin filters by status, user and placed time; a customer's user_id cannot widen their view")
  void adminFilters() {
    order(alice, 100);
    UUID bobs = order(bob, 200);
    String admin = orders.token(UUID.randomUUID(), "admin");

    assertThat(ok("/api/orders?user_id=" + bob, admin).getLong("total")).isEqualTo(1);
    assertThat(ok("/api/orders?user_id=" + bob, admin).getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(bobs.toString());
    assertThat(ok("/api/orders?status=CART_VALIDATED", admin).getLong("total")).isEqualTo(2);
    assertThat(ok("/api/orders?status=CONFIRMED", admin).getLong("total")).isZero();
    assertThat(ok("/api/orders?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z", admin).getLong("total"))
        .isEqualTo(2);
    assertThat(ok("/api/orders?to=2000-01-01T00:00:00Z", admin).getLong("total")).isZero();
    // a customer asking for someone else's orders still sees only their own
    assertThat(ok("/api/orders?user_id=" + bob, orders.token(alice)).getLong("total")).isZero();
    assertThat(ok("/api/orders?user_id=" + alice, orders.token(alice)).getLong("total")).isEqualTo(1);
    assertThat(orders.get("/api/orders?status=NOPE", admin).statusCode()).isEqualTo(400);
    assertThat(orders.get("/api/orders?from=yesterday", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void badParametersAndMissingTokensAreProblems() {
    assertThat(orders.get("/api/orders?size=101", orders.token(alice)).statusCode()).isEqualTo(400);
    assertThat(orders.get("/api/orders?page=0", orders.token(alice)).statusCode()).isEqualTo(400);
    assertThat(orders.get("/api/orders/not-a-uuid", orders.token(alice)).statusCode()).isEqualTo(400);
    assertThat(orders.get("/api/orders", null).statusCode()).isEqualTo(401);
    assertThat(orders.get("/api/orders", "tampered.token.value").statusCode()).isEqualTo(401);
    var bad = orders.get("/api/ops/sagas?state=NOPE", orders.token(alice, "admin"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("state").doesNotContain("Exception");
  }

  @Test
  void opsSagasIsForAdminsAndFiltersByStateAndAge() {
    UUID orderId = order(alice, 100);
    assertThat(orders.get("/api/ops/sagas", orders.token(alice)).statusCode()).isEqualTo(403);

    String admin = orders.token(bob, "admin");
    JsonObject open = ok("/api/ops/sagas", admin);
    assertThat(open.getInteger("count")).isEqualTo(1);
    assertThat(open.getJsonArray("items").getJsonObject(0).getString("order_id")).isEqualTo(orderId.toString());
    assertThat(open.getJsonArray("items").getJsonObject(0).getString("deadline")).isNotNull();
    assertThat(ok("/api/ops/sagas?state=CART_VALIDATED", admin).getInteger("count")).isEqualTo(1);
    assertThat(ok("/api/ops/sagas?state=COMPENSATING", admin).getInteger("count")).isZero();
    assertThat(ok("/api/ops/sagas?older_than_seconds=3600", admin).getInteger("count")).isZero();
  }

  @Test
  void healthAndMetricsAreServed() {
    assertThat(orders.get("/health/ready", null).statusCode()).isEqualTo(200);
    order(alice, 100);
    await().atMost(PATIENCE).until(() -> orders.get("/metrics", null).bodyAsString()
        .contains("prost_sagas_started_total{service=\"orders\"} 1.0"));
    assertThat(orders.get("/openapi.yaml", null).bodyAsString()).contains("listSagas");
  }
}
