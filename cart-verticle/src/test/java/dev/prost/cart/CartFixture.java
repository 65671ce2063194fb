package dev.prost.cart;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.TopologyNames;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A cart service on a free port against the class's database and a random namespace, with
 * tokens of a key pair of the test's own (pinned public key, no users service). The catalog
 * and users sides are played by the test: it publishes their events, with confirms, to
 * {@code <ns>.catalog.events} and {@code <ns>.users.events} as their relays would.
 */
final class CartFixture {

  private static final RsaKeys KEYS = RsaKeys.generate();

  final Vertx vertx;
  final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
  final int port;
  final WebClient client;
  final EventCodec codec = EventCodec.create();
  final Pool pool;
  private final TestDatabase db;
  private final JwtIssuer issuer;
  private final CartConfig config;
  private RunningService running;
  private AmqpConnection connection;
  private EventPublisher publisher;

  CartFixture(Vertx vertx, TestDatabase db) {
    this.vertx = vertx;
    this.db = db;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.config = CartConfig.from(Env.of(env()));
    this.issuer = JwtIssuer.create(config.auth(), KEYS);
    this.pool = ServicePool.create(vertx, config.db(), CartService.SCHEMA);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    env.put("PROST_CART_PORT", Integer.toString(port));
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_JWT_PUBLIC_KEY", KEYS.publicKeyPem());
    env.putIfAbsent("PROST_RETRY_BASE_DELAY", "50ms");
    env.putIfAbsent("PROST_RELAY_POLL_INTERVAL", "200ms");
    // one transaction at a time: events of a queue are applied in the order published
    env.put("PROST_CONSUMER_CONCURRENCY", "1");
    return env;
  }

  CartFixture start() {
    running = Await.result(CartService.start(vertx, config));
    MessagingConfig messaging = config.messaging();
    connection = Await.result(AmqpConnection.open(vertx, messaging, "prost-test-cart"));
    publisher = Await.result(EventPublisher.create(vertx, connection, messaging.confirmTimeout(),
        new MessagingMetrics(new SimpleMeterRegistry(), "test")));
    return this;
  }

  void stop() {
    if (running != null) {
      Await.result(running.stop());
      running = null;
      connection.close();
      NamespaceCleanup.broker(vertx, config.messaging(), CartTopology.TOPOLOGY);
    }
    // the test class shares its database: the next test starts from empty tables
    Await.result(pool.query("TRUNCATE cart_items, saga_state, idempotency_keys, carts, product_view, outbox, processed_events")
        .execute());
    Await.result(pool.close());
  }

  String token(UUID user) {
    return issuer.issue(user, Set.of("customer"));
  }

  HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.request(HttpMethod.valueOf(method), path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** Sends a checkout without waiting, so tests can send several at once; {@code key} may be null. */
  Future<HttpResponse<Buffer>> checkout(String token, String key, String paymentToken) {
    HttpRequest<Buffer> request = client.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + token);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendJsonObject(new JsonObject().put("payment_token", paymentToken));
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
    Await.result(publisher.publish(OutgoingMessage.event(exchange, routingKey, eventId, type, version,
        UUID.randomUUID().toString(), json)));
  }

  long scalar(String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  void sql(String sql) {
    Await.result(pool.query(sql).execute());
  }
}
