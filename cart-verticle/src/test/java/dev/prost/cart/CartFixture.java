package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.ServiceFixture;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A cart service ({@link ServiceFixture}) with tokens of the tests' own key pair. The catalog
 * and users sides are played by the test: it publishes their events, with confirms, to
 * {@code <ns>.catalog.events} and {@code <ns>.users.events} as their relays would.
 */
final class CartFixture {

  final Vertx vertx;
  final String namespace;
  final int port;
  final WebClient client;
  final EventCodec codec = EventCodec.create();
  final Pool pool;
  private final ServiceFixture service;

  CartFixture(Vertx vertx, TestDatabase db) {
    this(vertx, db, Map.of());
  }

  /** {@code overrides}: the test's own settings, over the fixture's. */
  CartFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    Map<String, String> env = new HashMap<>(Map.of(
        "PROST_RETRY_BASE_DELAY", "50ms",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        // one transaction at a time: events of a queue are applied in the order published
        "PROST_CONSUMER_CONCURRENCY", "1"));
    env.putAll(overrides);
    this.service = new ServiceFixture(vertx, db, CartTopology.TOPOLOGY, env);
    this.namespace = service.namespace;
    this.port = service.port;
    this.client = service.client;
    this.pool = service.pool();
  }

  CartFixture start() {
    service.start(env -> CartService.start(vertx, CartConfig.from(env)));
    return this;
  }

  void stop() {
    service.stop();
    // the test class shares its database: the next test starts from empty tables
    sql("TRUNCATE cart_items, saga_state, idempotency_keys, carts, product_view, outbox, processed_events");
    service.close();
  }

  String token(UUID user) {
    return service.token(user);
  }

  HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) {
    return service.send(method, path, token, body);
  }

  /** Sends a checkout without waiting, so tests can send several at once; {@code key} may be null. */
  Future<HttpResponse<Buffer>> checkout(String token, String key, String paymentToken) {
    HttpRequest<Buffer> request = client.post("/api/cart/checkout")
        .putHeader("Authorization", "Bearer " + token);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendJsonObject(new JsonObject().put("payment_token", paymentToken));
  }

  /** The customer puts one unit of {@code product} in the cart and checks out; the order id. */
  UUID checkOutOne(String token, UUID product) {
    var added = send("POST", "/api/cart/items", token,
        new JsonObject().put("product_id", product.toString()).put("quantity", 1));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(200);
    var response = Await.result(checkout(token, null, "tok_visa"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return UUID.fromString(response.bodyAsJsonObject().getString("order_id"));
  }

  /** A product in the projection, as if catalog's events had put it there. */
  UUID product(String name, long price, String currency, boolean active) {
    UUID id = UUID.randomUUID();
    sql("INSERT INTO product_view (product_id, name, price_cents, currency, active, source_version) "
        + "VALUES ('" + id + "', '" + name + "', " + price + ", '" + currency + "', " + active + ", 1)");
    return id;
  }

  /** Publishes the envelope to its producer's exchange and waits for the broker's confirm. */
  void publish(EventEnvelope envelope, String routingKey) {
    publishJson(envelope.metadata().producer(), routingKey, envelope.metadata().eventId().toString(),
        envelope.metadata().eventType(), envelope.metadata().version(), codec.encodeToString(envelope));
  }

  /** Publishes hand-written JSON, e.g. an older version of an event no record can produce any more. */
  void publishJson(String producer, String routingKey, String eventId, String type, int version, String json) {
    String exchange = new TopologyNames(namespace).exchange(producer);
    service.publish(OutgoingMessage.event(exchange, routingKey, eventId, type, version,
        UUID.randomUUID().toString(), json));
  }

  long scalar(String sql) {
    return service.scalar(sql);
  }

  void sql(String sql) {
    service.sql(sql);
  }
}
