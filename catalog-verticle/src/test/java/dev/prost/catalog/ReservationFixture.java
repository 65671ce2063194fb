package dev.prost.catalog;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.prost.catalog.events.ReservationHandlers;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.OrderPlaced;
import dev.prost.platform.events.StockReturnRequested;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.messaging.topology.TopologyDeclarer;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog consumer wired to a real broker under a random namespace, with the orders side
 * played by the test: it publishes orders events (confirmed) to {@code <ns>.orders.events}
 * exactly as the orders relay would, and reads catalog's answers from a queue bound to
 * {@code <ns>.catalog.events} with {@code stock.#}.
 */
final class ReservationFixture implements AutoCloseable {

  /** How long a test waits for catalog to handle or answer what it was sent. */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  final Vertx vertx;
  final TestDatabase db;
  final MessagingConfig config;
  final ReservationConfig reservations;
  final Pool pool;
  final EventCodec codec = EventCodec.create();
  final Outbox outbox;
  final TopologyNames names;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MessagingMetrics metrics = new MessagingMetrics(registry, "catalog");
  private final List<ServiceMessaging> started = new ArrayList<>();
  private final List<EventEnvelope> received = new ArrayList<>();
  private final String answers;
  private final UUID category = UUID.randomUUID();
  private final AmqpConnection testConnection;
  private final AmqpChannel channel;

  ReservationFixture(Vertx vertx, TestDatabase db, MessagingConfig config, ReservationConfig reservations) {
    this.vertx = vertx;
    this.db = db;
    this.config = config;
    this.reservations = reservations;
    this.outbox = Outbox.create(vertx, CatalogService.SCHEMA, codec);
    this.names = new TopologyNames(config.namespace());
    this.answers = names.exchange("catalog") + ".test-answers";
    Await.result(Migrations.create(vertx, db.config(), CatalogService.SCHEMA).migrate());
    pool = ServicePool.create(vertx, db.config(), CatalogService.SCHEMA);
    Await.result(pool.preparedQuery("INSERT INTO categories (id, name) VALUES ($1, $2)")
        .execute(Tuple.of(category, "c-" + category)));
    testConnection = Await.result(AmqpConnection.open(vertx, config, "prost-test-catalog"));
    channel = Await.result(testConnection.openChannel("test"));
    Await.result(channel.call(raw -> {
      new TopologyDeclarer(config).declare(raw, CatalogTopology.TOPOLOGY);
      raw.queueDeclare(answers, false, false, false, null);
      return raw.queueBind(answers, names.exchange("catalog"), "stock.#");
    }));
  }

  /** A fixture under a fresh namespace with the default reservation settings, one catalog instance started. */
  static ReservationFixture started(Vertx vertx, TestDatabase db) {
    // published rows kept: the tests count the events catalog wrote to its outbox
    ReservationFixture fixture = new ReservationFixture(vertx, db, TestNamespace.config(Map.of("PROST_OUTBOX_RETENTION", "1h")),
        ReservationConfig.defaults());
    fixture.startCatalog();
    return fixture;
  }

  /** Starts one catalog instance (pool, relay, consumer); call twice for two instances. */
  ServiceMessaging startCatalog() {
    Pool instancePool = started.isEmpty() ? pool : ServicePool.create(vertx, db.config(), CatalogService.SCHEMA);
    ServiceMessaging messaging = Await.result(ServiceMessaging.start(vertx, instancePool, CatalogService.SCHEMA,
        config, CatalogTopology.TOPOLOGY, Map.of(CatalogTopology.CONSUMER, ReservationHandlers.create(reservations, outbox)), metrics));
    started.add(messaging);
    return messaging;
  }

  UUID product(int onHand) {
    return product(onHand, true);
  }

  UUID product(int onHand, boolean active) {
    UUID id = UUID.randomUUID();
    Await.result(pool.preparedQuery("""
            INSERT INTO products (id, sku, name, price_cents, currency, category_id, active, stock_on_hand)
            VALUES ($1, $2, 'p', 100, 'EUR', $3, $4, $5)""")
        .execute(Tuple.of(id, "sku-" + id, category, active, onHand)));
    return id;
  }

  static EventEnvelope placed(UUID order, PricedLine... lines) {
    return EventEnvelope.first("orders", order, new OrderPlaced(order, UUID.randomUUID(), List.of(lines), 100, "EUR"));
  }

  static PricedLine line(UUID product, int quantity) {
    return new PricedLine(product, quantity, 100);
  }

  static EventEnvelope confirmed(UUID order, StockLine... lines) {
    return EventEnvelope.first("orders", order, new OrderConfirmed(order, UUID.randomUUID(), List.of(lines)));
  }

  static EventEnvelope failed(UUID order) {
    return EventEnvelope.first("orders", order, new OrderFailed(order, UUID.randomUUID(), "payment declined"));
  }

  static EventEnvelope returnRequested(UUID order, StockLine... lines) {
    return EventEnvelope.first("orders", order, new StockReturnRequested(order, List.of(lines)));
  }

  /** Publishes the envelopes as the orders relay would, all in flight at once, and waits for the confirms. */
  void publish(List<EventEnvelope> envelopes) {
    List<Future<Void>> confirms = new ArrayList<>();
    for (EventEnvelope e : envelopes) {
      String key = EventCatalog.of(e.event()).routingKey();
      confirms.add(started.get(0).publisher().publish(OutgoingMessage.event(names.exchange("orders"), key,
          e.metadata().eventId().toString(), e.metadata().eventType(), e.metadata().version(),
          e.metadata().correlationId().toString(), codec.encodeToString(e))));
    }
    Await.result(Future.all(confirms));
  }

  void publish(EventEnvelope... envelopes) {
    publish(List.of(envelopes));
  }

  /** Publishes and waits until the consumer has applied or skipped as many deliveries as sent so far. */
  void deliver(EventEnvelope... events) {
    double before = handled();
    publish(events);
    await().atMost(PATIENCE).until(() -> handled() >= before + events.length);
  }

  private double handled() {
    return scalar("SELECT count(*) FROM processed_events") + counter("prost.events.duplicates");
  }

  /** Every answer catalog has published so far (drains the test queue). */
  synchronized List<EventEnvelope> answers() {
    Await.result(channel.<Void>call(raw -> {
      GetResponse next;
      while ((next = raw.basicGet(answers, true)) != null) {
        received.add(codec.decode(next.getBody()));
      }
      return null;
    }));
    return List.copyOf(received);
  }

  <E extends Event> List<E> answers(Class<E> type) {
    return answers().stream().map(EventEnvelope::event).filter(type::isInstance).map(type::cast).toList();
  }

  long deadLettered() {
    String dlq = names.deadLetterQueue(CatalogTopology.TOPOLOGY.subscriptions().get(0));
    return Await.result(channel.call(raw -> raw.messageCount(dlq)));
  }

  double counter(String name) {
    var counter = registry.find(name).tag("consumer", CatalogTopology.CONSUMER).counter();
    return counter == null ? 0 : counter.count();
  }

  int reserved(UUID product) {
    return (int) scalar("SELECT stock_reserved FROM products WHERE id = '" + product + "'");
  }

  int onHand(UUID product) {
    return (int) scalar("SELECT stock_on_hand FROM products WHERE id = '" + product + "'");
  }

  String status(UUID order, UUID product) {
    return Await.result(pool.preparedQuery(
            "SELECT status FROM inventory_reservations WHERE order_id = $1 AND product_id = $2")
        .execute(Tuple.of(order, product))).iterator().next().getString(0);
  }

  long scalar(String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  @Override
  public void close() {
    for (ServiceMessaging messaging : started) {
      Await.result(messaging.stop());
    }
    try {
      Await.result(channel.<Void>call(raw -> {
        raw.queueDelete(answers);
        new TopologyDeclarer(config).delete(raw, CatalogTopology.TOPOLOGY);
        return null;
      }));
    } finally {
      channel.close();
      testConnection.close();
    }
    // the test class shares its database: the next test starts from empty tables
    Await.result(pool.query("TRUNCATE inventory_reservations, products, categories, outbox, processed_events")
        .execute());
  }
}
