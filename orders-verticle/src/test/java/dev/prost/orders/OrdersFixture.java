package dev.prost.orders;

import dev.prost.orders.payment.SimulatedGateway;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventType;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.ServiceFixture;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An orders service ({@link ServiceFixture}) with tokens of the tests' own key pair. The cart
 * and catalog sides of the saga are played by the test: it publishes their events, with
 * confirms, as their relays would, and reads what orders answered from the orders outbox.
 */
final class OrdersFixture {

  /** Requests the tests' client keeps in flight at once. */
  static final int CONCURRENT_REQUESTS = 40;

  final Vertx vertx;
  final String namespace;
  final int port;
  final WebClient client;
  final EventCodec codec = EventCodec.create();
  final Pool pool;
  final OrdersConfig config;
  final SimulatedGateway gateway;
  private final ServiceFixture service;

  OrdersFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    Map<String, String> env = new HashMap<>(Map.of(
        "PROST_RETRY_BASE_DELAY", "50ms",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        "PROST_SAGA_SWEEP_INTERVAL", "200ms",
        "PROST_PAYMENT_REFUND_INTERVAL", "200ms",
        "PROST_PAYMENT_LATENCY", "5ms"));
    env.putAll(overrides);
    this.service = new ServiceFixture(vertx, db, OrdersTopology.TOPOLOGY, env);
    this.namespace = service.namespace;
    this.port = service.port;
    // a pool as wide as the races the tests run (Vert.x 5's default is 5 connections)
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(CONCURRENT_REQUESTS));
    this.config = OrdersConfig.from(service.env());
    this.pool = service.pool();
    this.gateway = new SimulatedGateway(vertx, config.payment());
  }

  OrdersFixture start() {
    service.start(env -> OrdersService.start(vertx, config, gateway));
    return this;
  }

  void stop() {
    client.close();
    service.stop();
    // the test class shares its database: the next test starts from empty tables
    service.sql("TRUNCATE payment_refunds, payments, saga_compensation_log, saga_events, saga_state, order_items,"
        + " orders, outbox, processed_events");
    service.close();
  }

  String token(UUID user, String... roles) {
    return service.token(user, roles);
  }

  HttpResponse<Buffer> send(String method, String path, String token, io.vertx.core.json.JsonObject body) {
    return service.send(method, path, token, body);
  }

  HttpResponse<Buffer> get(String path, String token) {
    return service.send("GET", path, token, null);
  }

  /** Publishes the envelope to its producer's exchange, with its type's routing key, confirmed. */
  void publish(EventEnvelope envelope) {
    EventType type = EventCatalog.of(envelope.event());
    String exchange = new TopologyNames(namespace).exchange(envelope.metadata().producer());
    service.publish(OutgoingMessage.event(exchange, type.routingKey(), envelope.metadata().eventId().toString(),
        type.name(), type.version(), envelope.metadata().correlationId().toString(), codec.encodeToString(envelope)));
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
    return service.scalar(sql);
  }

  String text(String sql) {
    var rows = Await.result(pool.query(sql).execute());
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }
}
