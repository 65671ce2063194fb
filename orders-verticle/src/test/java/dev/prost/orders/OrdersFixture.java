package dev.prost.orders;

import dev.prost.orders.payment.SimulatedGateway;
import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventType;
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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An orders service on a free port against the class's database and a random namespace, with
 * tokens of a key pair of the test's own. The cart and catalog sides of the saga are played by
 * the test: it publishes their events, with confirms, as their relays would, and reads what
 * orders answered from the orders outbox.
 */
final class OrdersFixture {

  private static final RsaKeys KEYS = RsaKeys.generate();

  final Vertx vertx;
  final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
  final int port;
  final WebClient client;
  final EventCodec codec = EventCodec.create();
  final Pool pool;
  final OrdersConfig config;
  final SimulatedGateway gateway;
  private final TestDatabase db;
  private final JwtIssuer issuer;
  private RunningService running;
  private AmqpConnection connection;
  private EventPublisher publisher;

  OrdersFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    this.db = db;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    Map<String, String> env = env();
    env.putAll(overrides);
    this.config = OrdersConfig.from(Env.of(env));
    this.issuer = JwtIssuer.create(config.auth(), KEYS);
    this.pool = ServicePool.create(vertx, config.db(), OrdersService.SCHEMA);
    this.gateway = new SimulatedGateway(vertx, config.payment());
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    env.put("PROST_ORDERS_PORT", Integer.toString(port));
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_JWT_PUBLIC_KEY", KEYS.publicKeyPem());
    env.putIfAbsent("PROST_RETRY_BASE_DELAY", "50ms");
    env.putIfAbsent("PROST_RELAY_POLL_INTERVAL", "200ms");
    env.putIfAbsent("PROST_SAGA_SWEEP_INTERVAL", "200ms");
    env.putIfAbsent("PROST_PAYMENT_REFUND_INTERVAL", "200ms");
    env.putIfAbsent("PROST_PAYMENT_LATENCY", "5ms");
    return env;
  }

  OrdersFixture start() {
    running = Await.result(OrdersService.start(vertx, config, gateway));
    MessagingConfig messaging = config.messaging();
    connection = Await.result(AmqpConnection.open(vertx, messaging, "prost-test-orders"));
    publisher = Await.result(EventPublisher.create(vertx, connection, messaging.confirmTimeout(),
        new MessagingMetrics(new SimpleMeterRegistry(), "test")));
    return this;
  }

  void stop() {
    if (running != null) {
      Await.result(running.stop());
      running = null;
      connection.close();
      NamespaceCleanup.broker(vertx, config.messaging(), OrdersTopology.TOPOLOGY);
    }
    // the test class shares its database: the next test starts from empty tables
    Await.result(pool.query("TRUNCATE payments, saga_compensation_log, saga_events, saga_state, order_items, orders,"
        + " outbox, processed_events").execute());
    Await.result(pool.close());
  }

  String token(UUID user, String... roles) {
    return issuer.issue(user, roles.length == 0 ? Set.of("customer") : Set.of(roles));
  }

  HttpResponse<Buffer> get(String path, String token) {
    HttpRequest<Buffer> request = client.request(HttpMethod.GET, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(request.send());
  }

  /** Publishes the envelope to its producer's exchange, with its type's routing key, confirmed. */
  void publish(EventEnvelope envelope) {
    EventType type = EventCatalog.of(envelope.event());
    String exchange = new TopologyNames(namespace).exchange(envelope.metadata().producer());
    Await.result(publisher.publish(OutgoingMessage.event(exchange, type.routingKey(),
        envelope.metadata().eventId().toString(), type.name(), type.version(),
        envelope.metadata().correlationId().toString(), codec.encodeToString(envelope))));
  }

  /** The events orders wrote to its outbox for the order, oldest first, as decoded envelopes. */
  List<EventEnvelope> emitted(UUID orderId) {
    List<EventEnvelope> events = new ArrayList<>();
    for (Row row : Await.result(pool.preparedQuery(
        "SELECT envelope FROM outbox WHERE correlation_id = $1 ORDER BY id").execute(Tuple.of(orderId)))) {
      events.add(codec.decode(row.getString("envelope")));
    }
    return events;
  }

  List<String> emittedTypes(UUID orderId) {
    return emitted(orderId).stream().map(e -> e.metadata().eventType()).toList();
  }

  String state(UUID orderId) {
    var rows = Await.result(pool.preparedQuery("SELECT state FROM saga_state WHERE order_id = $1")
        .execute(Tuple.of(orderId)));
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }

  long scalar(String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  String text(String sql) {
    var rows = Await.result(pool.query(sql).execute());
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }
}
