package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.ProductCreated;
import dev.prost.platform.events.ProductUpdated;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Cart consumer: product projection and carts for new users")
class CartProjectionTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private CartFixture cart;

  @BeforeEach
  void start(Vertx vertx) {
    cart = new CartFixture(vertx, db).start();
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  private static EventEnvelope created(UUID id, String name, long price, long version) {
    return EventEnvelope.first("catalog", id, new ProductCreated(id, "SKU-" + id, name, "", price, "EUR",
        UUID.randomUUID(), UUID.randomUUID(), true, version));
  }

  private static EventEnvelope updated(UUID id, String name, long price, boolean active, long version) {
    return EventEnvelope.first("catalog", id, new ProductUpdated(id, name, price, "EUR", active, version));
  }

  /** Publishes and waits until the event's inbox row committed (with its effect, if any). */
  private void deliver(EventEnvelope envelope, String routingKey) {
    cart.publish(envelope, routingKey);
    awaitApplied(envelope.metadata().eventId());
  }

  private void awaitApplied(UUID eventId) {
    await().atMost(PATIENCE).until(() ->
        cart.scalar("SELECT count(*) FROM processed_events WHERE event_id = '" + eventId + "'") == 1);
  }

  private JsonObject view(UUID id) {
    var rows = Await.result(cart.pool.query(
        "SELECT name, price_cents, active, source_version FROM product_view WHERE product_id = '" + id + "'")
        .execute());
    var row = rows.iterator().next();
    return new JsonObject().put("name", row.getString(0)).put("price_cents", row.getLong(1))
        .put("active", row.getBoolean(2)).put("source_version", row.getLong(3));
  }

  @Test
  @DisplayName("a v1 ProductCreated (no supplier_id) and a v2 one both land in the projection")
  void bothVersionsLand() {
    UUID v1 = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    cart.publishJson("catalog", "product.created", eventId.toString(), "ProductCreated", 1, """
        {"event_id":"%s","event_type":"ProductCreated","version":1,
         "correlation_id":"%s","causation_id":null,"timestamp":"2025-03-14T09:26:53.589Z","producer":"catalog",
         "payload":{"product_id":"%s","sku":"IPA-033","name":"IPA","description":"Hoppy","price_cents":390,
           "currency":"EUR","category_id":"%s","active":true,"product_version":1}}
        """.formatted(eventId, v1, v1, UUID.randomUUID()));
    awaitApplied(eventId);
    UUID v2 = UUID.randomUUID();
    deliver(created(v2, "Stout", 450, 1), "product.created");

    assertThat(view(v1)).isEqualTo(new JsonObject().put("name", "IPA").put("price_cents", 390L)
        .put("active", true).put("source_version", 1L));
    assertThat(view(v2).getString("name")).isEqualTo("Stout");
  }

  @Test
  @DisplayName("a ProductUpdated older than the stored version is ignored; a newer one applies")
  void olderUpdateIgnored() {
    UUID id = UUID.randomUUID();
    deliver(created(id, "Lager", 300, 1), "product.created");
    deliver(updated(id, "Lager 0.5", 350, true, 3), "product.updated");
    deliver(updated(id, "Lager stale", 999, false, 2), "product.updated");
    assertThat(view(id)).isEqualTo(new JsonObject().put("name", "Lager 0.5").put("price_cents", 350L)
        .put("active", true).put("source_version", 3L));

    // created after an update (out of order): the older create changes nothing either
    deliver(created(id, "Lager", 300, 1), "product.created");
    deliver(updated(id, "Lager", 350, false, 4), "product.updated");
    assertThat(view(id).getBoolean("active")).isFalse();
  }

  @Test
  @DisplayName("a redelivered event (same event id) is skipped by the inbox")
  void duplicateSkipped() {
    UUID id = UUID.randomUUID();
    EventEnvelope update = updated(id, "Porter", 500, true, 2);
    deliver(created(id, "Porter", 400, 1), "product.created");
    deliver(update, "product.updated");
    // make the row look older than the update: only the inbox can stop a second application now
    cart.sql("UPDATE product_view SET name = 'marker', source_version = 1 WHERE product_id = '" + id + "'");
    cart.publish(update, "product.updated");
    // one queue, one transaction at a time: once the next event landed, the duplicate was handled
    UUID sentinel = UUID.randomUUID();
    deliver(created(sentinel, "Sentinel", 1, 1), "product.created");
    assertThat(view(id).getString("name")).isEqualTo("marker");
    assertThat(cart.scalar("SELECT count(*) FROM processed_events")).isEqualTo(3);
  }

  @Test
  @DisplayName("UserRegistered opens the user's cart, and the first request uses it instead of opening a second")
  void registrationOpensCart() {
    UUID user = UUID.randomUUID();
    EventEnvelope registered = EventEnvelope.first("users", user, new UserRegistered(user, "a@b.dev", "Ada"));
    deliver(registered, "user.registered");
    assertThat(cart.scalar("SELECT count(*) FROM carts WHERE user_id = '" + user + "' AND status = 'ACTIVE'"))
        .isEqualTo(1);

    var response = cart.send("GET", "/api/cart", cart.token(user), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(cart.scalar("SELECT count(*) FROM carts WHERE user_id = '" + user + "'")).isEqualTo(1);

    // and the other order: a first use, then a late UserRegistered
    UUID late = UUID.randomUUID();
    assertThat(cart.send("GET", "/api/cart", cart.token(late), null).statusCode()).isEqualTo(200);
    deliver(EventEnvelope.first("users", late, new UserRegistered(late, "c@d.dev", "Cy")), "user.registered");
    assertThat(cart.scalar("SELECT count(*) FROM carts WHERE user_id = '" + late + "'")).isEqualTo(1);
  }
}
