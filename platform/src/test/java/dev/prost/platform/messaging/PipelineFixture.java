package dev.prost.platform.messaging;

import dev.prost.platform.messaging.topology.TopologyDeclarer;
import dev.prost.platform.messaging.topology.TopologyNames;
import com.rabbitmq.client.GetResponse;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A producer (users' outbox and relay) and a consumer (a cart-side consumer of
 * {@code user.registered}) wired through a real broker under a random namespace. The
 * consumer's handler counts its effects per event in {@code effects}, so "applied twice"
 * is a row with {@code n = 2}.
 */
final class PipelineFixture implements AutoCloseable {

  static final ServiceSchema USERS = ServiceSchema.of("users");
  static final ServiceSchema CART = ServiceSchema.of("cart");

  final Vertx vertx;
  final TestDatabase db;
  final MessagingConfig config;
  final String consumer = "cart-" + UUID.randomUUID().toString().substring(0, 6);
  final Topology producerTopology = Topology.forService("users").build();
  final Topology consumerTopology;
  final Pool usersPool;
  final Pool cartPool;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MessagingMetrics consumerMetrics = new MessagingMetrics(registry, "cart");
  final MessagingMetrics producerMetrics = new MessagingMetrics(registry, "users");
  final EventCodec codec = EventCodec.create();
  final TopologyNames names;
  private final Outbox outbox;
  private final List<ServiceMessaging> started = new ArrayList<>();

  PipelineFixture(Vertx vertx, TestDatabase db, MessagingConfig config) {
    this.vertx = vertx;
    this.db = db;
    this.config = config;
    this.outbox = Outbox.create(vertx, USERS, codec);
    this.names = new TopologyNames(config.namespace());
    this.consumerTopology = Topology.forService("cart").consumeAs(consumer, "users", "user.registered").build();
    Await.result(Migrations.create(vertx, db.config(), USERS).migrate());
    Await.result(Migrations.create(vertx, db.config(), CART).migrate());
    usersPool = ServicePool.create(vertx, db.config(), USERS);
    cartPool = ServicePool.create(vertx, db.config(), CART);
    Await.result(cartPool.query("""
        CREATE TABLE IF NOT EXISTS effects (
          consumer text, event_id uuid, n int NOT NULL DEFAULT 1, PRIMARY KEY (consumer, event_id))""").execute());
  }

  /** The broker connection name of the fixture's {@code service}, unique to its namespace. */
  String connectionName(String service) {
    return ServiceMessaging.connectionName(service, config);
  }

  /** Applies the event by counting it; {@code fault} may fail the handler first. */
  EventHandlers countingHandlers(BiFunction<SqlConnection, EventEnvelope, Future<Void>> fault) {
    return EventHandlers.builder()
        .on(UserRegistered.class, (conn, envelope, event) -> fault.apply(conn, envelope)
            .compose(v -> conn.preparedQuery("""
                    INSERT INTO effects (consumer, event_id) VALUES ($1, $2)
                    ON CONFLICT (consumer, event_id) DO UPDATE SET n = effects.n + 1""")
                .execute(Tuple.of(consumer, envelope.metadata().eventId())))
            .mapEmpty())
        .build();
  }

  EventHandlers countingHandlers() {
    return countingHandlers((conn, envelope) -> Future.succeededFuture());
  }

  ServiceMessaging startProducer() {
    return remember(Await.result(ServiceMessaging.start(vertx, usersPool, USERS, config,
        producerTopology, Map.of(), producerMetrics)));
  }

  ServiceMessaging startConsumer(EventHandlers handlers) {
    return remember(Await.result(ServiceMessaging.start(vertx, cartPool, CART, config,
        consumerTopology, Map.of(consumer, handlers), consumerMetrics)));
  }

  private ServiceMessaging remember(ServiceMessaging messaging) {
    started.add(messaging);
    return messaging;
  }

  /** Writes {@code count} UserRegistered events to the users outbox in one transaction. */
  List<EventEnvelope> emit(int count) {
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID user = UUID.randomUUID();
      events.add(EventEnvelope.first("users", user, new UserRegistered(user, "u" + i + "@example.com", "User " + i)));
    }
    for (int from = 0; from < count; from += 500) {
      List<EventEnvelope> slice = events.subList(from, Math.min(count, from + 500));
      Await.result(usersPool.withTransaction(conn -> outbox.appendAll(conn, slice)));
    }
    return events;
  }

  /** Publishes raw bytes straight to the users exchange, as a misbehaving producer would. */
  void publishRaw(ServiceMessaging via, String routingKey, String body, String type) {
    Await.result(via.publisher().publish(new OutgoingMessage(names.exchange("users"), routingKey,
        new com.rabbitmq.client.AMQP.BasicProperties.Builder().type(type).deliveryMode(2).build(),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  long effects() {
    return scalar(cartPool, "SELECT count(*) FROM effects WHERE consumer = '" + consumer + "'");
  }

  long appliedTwice() {
    return scalar(cartPool, "SELECT count(*) FROM effects WHERE consumer = '" + consumer + "' AND n > 1");
  }

  long inboxRows() {
    return scalar(cartPool, "SELECT count(*) FROM processed_events WHERE consumer = '" + consumer + "'");
  }

  long unpublished() {
    return scalar(usersPool, "SELECT count(*) FROM outbox WHERE published_at IS NULL");
  }

  /** The outbox rows of these events still in the table; with {@code published}, only those stamped published. */
  long outboxRows(List<EventEnvelope> events, boolean published) {
    String ids = events.stream().map(e -> "'" + e.metadata().eventId() + "'").collect(Collectors.joining(","));
    return scalar(usersPool, "SELECT count(*) FROM outbox WHERE event_id IN (" + ids + ")"
        + (published ? " AND published_at IS NOT NULL" : ""));
  }

  double counter(String name) {
    var counter = registry.find(name).tag("consumer", consumer).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Drains the consumer's dead-letter queue. */
  List<GetResponse> deadLetters(ServiceMessaging via) {
    String dlq = names.deadLetterQueue(consumerTopology.subscriptions().get(0));
    AmqpChannel channel = Await.result(via.connection().openChannel("test-dlq"));
    try {
      List<GetResponse> messages = new ArrayList<>();
      GetResponse next;
      while ((next = Await.result(channel.call(raw -> raw.basicGet(dlq, true)))) != null) {
        messages.add(next);
      }
      return messages;
    } finally {
      channel.close();
    }
  }

  private static long scalar(Pool pool, String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  @Override
  public void close() {
    // stop first (consumers finish and ack), then delete the namespace's entities
    for (ServiceMessaging messaging : started) {
      Await.result(messaging.stop());
    }
    AmqpConnection cleanup = Await.result(AmqpConnection.open(vertx, config, "prost-test-cleanup"));
    try {
      TopologyDeclarer declarer = new TopologyDeclarer(config);
      AmqpChannel channel = Await.result(cleanup.openChannel("cleanup"));
      Await.result(channel.<Void>call(raw -> {
        declarer.delete(raw, consumerTopology);
        declarer.delete(raw, producerTopology);
        return null;
      }));
    } finally {
      cleanup.close();
    }
    // other tests of the class share the database: start each from an empty outbox
    Await.result(usersPool.query("DELETE FROM outbox").execute());
  }
}
