package dev.prost.launcher;

import static org.awaitility.Awaitility.await;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue;
import dev.prost.platform.messaging.deadletter.DeadLetterSelection;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.PermanentFailure;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;

/**
 * The operator commands against a real broker and database: a random namespace, the cart's
 * consumer of users' {@code user.registered} (queue {@code <ns>.users.events.cart}, whose
 * dead letters the cart schema owns) with a handler that can be broken or fixed, a publisher
 * standing in for users, and {@link #prost} running the picocli command in-process with an
 * environment pointing at all of it. The handler counts its effects per event in
 * {@code cart_schema.effects}, so "applied twice" is a row with {@code n = 2}.
 */
final class OperatorFixture implements AutoCloseable {

  static final ServiceSchema CART = ServiceSchema.of("cart");
  static final String OPERATOR = "test-operator";

  /** What {@code prost …} printed and answered. */
  record Result(int exitCode, String out, String err) {}

  final Vertx vertx;
  final TestDatabase db;
  final MessagingConfig config;
  final TopologyNames names;
  final Topology cartConsumer = Topology.forService("cart").consume("users", "user.registered").build();
  final String dlq;
  final Pool cartPool;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MessagingMetrics metrics = new MessagingMetrics(registry, "cart");
  private final EventCodec codec = EventCodec.create();
  private final AmqpConnection connection;
  private final EventPublisher publisher;
  private ServiceMessaging consumer;
  private String bystander;

  OperatorFixture(Vertx vertx, TestDatabase db) {
    this(vertx, db, "quorum");
  }

  /** @param queueType {@code PROST_QUEUE_TYPE} of the test's namespace */
  OperatorFixture(Vertx vertx, TestDatabase db, String queueType) {
    this.vertx = vertx;
    this.db = db;
    this.config = TestNamespace.config(Map.of("PROST_QUEUE_TYPE", queueType));
    this.names = new TopologyNames(config.namespace());
    this.dlq = names.deadLetterQueue(cartConsumer.subscriptions().get(0));
    Await.result(Migrations.create(vertx, db.config(), CART).migrate());
    cartPool = ServicePool.create(vertx, db.config(), CART);
    Await.result(cartPool.query("""
        CREATE TABLE IF NOT EXISTS effects (event_id uuid PRIMARY KEY, n int NOT NULL DEFAULT 1)""").execute());
    connection = Await.result(AmqpConnection.open(vertx, config, "prost-test-operator-publisher"));
    publisher = Await.result(EventPublisher.create(vertx, connection, Duration.ofSeconds(10),
        new MessagingMetrics(new SimpleMeterRegistry(), "users")));
  }

  /** Runs {@code prost args…} in this JVM against the test's database and namespace. */
  Result prost(String... args) {
    return prost(Map.of(), args);
  }

  Result prost(Map<String, String> overrides, String... args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", config.namespace());
    env.put("PROST_QUEUE_TYPE", config.queueType().name().toLowerCase(Locale.ROOT));
    env.put("USER", OPERATOR);
    env.putAll(overrides);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new Prost(Env.of(env)))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    int exitCode = command.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** (Re)starts the consumer with a handler that dead-letters every event, as a bug would. */
  void startBrokenConsumer() {
    startConsumer(EventHandlers.builder()
        .on(UserRegistered.class, (conn, envelope, event) -> Future.failedFuture(new PermanentFailure("handler bug")))
        .build());
  }

  /** (Re)starts the consumer with the fixed handler, which counts its effects. */
  void startFixedConsumer() {
    startConsumer(EventHandlers.builder()
        .on(UserRegistered.class, (conn, envelope, event) -> conn.preparedQuery("""
                INSERT INTO effects (event_id) VALUES ($1)
                ON CONFLICT (event_id) DO UPDATE SET n = effects.n + 1""")
            .execute(Tuple.of(envelope.metadata().eventId()))
            .mapEmpty())
        .build());
  }

  private void startConsumer(EventHandlers handlers) {
    stopConsumer();
    consumer = Await.result(ServiceMessaging.start(vertx, cartPool, CART, config, cartConsumer,
        Map.of("cart", handlers), metrics));
  }

  /**
   * Another consumer's queue bound to user.registered, as a second service subscribing to it
   * would be; deleted on close. Answers its name.
   */
  String bindBystander() {
    bystander = names.exchange("users") + ".bystander";
    AmqpChannel channel = Await.result(connection.openChannel("test-bystander"));
    try {
      Await.result(channel.call(raw -> {
        raw.queueDeclare(bystander, true, false, false, Map.of("x-queue-type", "quorum"));
        raw.queueBind(bystander, names.exchange("users"), "user.registered");
        return null;
      }));
    } finally {
      channel.close();
    }
    return bystander;
  }

  /** Deletes the consumer's work queue, as an operator retiring it would: nothing is bound to its key. */
  void deleteWorkQueue() {
    AmqpChannel channel = Await.result(connection.openChannel("test-delete"));
    try {
      Await.result(channel.call(raw -> raw.queueDelete(names.workQueue(cartConsumer.subscriptions().get(0)))));
    } finally {
      channel.close();
    }
  }

  void stopConsumer() {
    if (consumer != null) {
      Await.result(consumer.stop());
      consumer = null;
    }
  }

  /** A UserRegistered of flow {@code correlationId}, not yet published. */
  EventEnvelope event(UUID correlationId) {
    UUID user = UUID.randomUUID();
    return EventEnvelope.first("users", correlationId, new UserRegistered(user, user + "@example.com", "User"));
  }

  /** Publishes as users' outbox relay would (exchange, key, message id = event id, confirmed). */
  EventEnvelope publish(EventEnvelope event) {
    EventMetadata meta = event.metadata();
    Await.result(publisher.publish(OutgoingMessage.event(names.exchange("users"), "user.registered",
        meta.eventId().toString(), meta.eventType(), meta.version(), meta.correlationId().toString(),
        codec.encodeToString(event))));
    return event;
  }

  /** Publishes a message as it is (confirmed). */
  void publishRaw(OutgoingMessage message) {
    Await.result(publisher.publish(message));
  }

  /** Ready messages in {@code queue}, by passive declare. */
  int depth(String queue) {
    AmqpChannel channel = Await.result(connection.openChannel("test-depth"));
    try {
      return Await.result(channel.call(raw -> raw.queueDeclarePassive(queue).getMessageCount()));
    } finally {
      channel.close();
    }
  }

  /** The event ids in the dead-letter queue, head first (read without changing it). */
  List<String> deadLetterIds() {
    List<DeadLetter> letters = Await.result(DeadLetterQueue.create(connection, dlq, Duration.ofSeconds(10))
        .browse(DeadLetterSelection.all()));
    return letters.stream().map(l -> l.messageId().orElseThrow()).toList();
  }

  /** How often the fixed handler applied {@code event} (0 = never). */
  int effects(EventEnvelope event) {
    var rows = Await.result(cartPool.preparedQuery("SELECT n FROM effects WHERE event_id = $1")
        .execute(Tuple.of(event.metadata().eventId())));
    return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
  }

  double duplicatesDropped() {
    var counter = registry.find("prost.events.duplicates").tag("consumer", "cart").counter();
    return counter == null ? 0 : counter.count();
  }

  /** This test's audit rows in the cart schema, oldest first: action, event id, operator, outcome. */
  List<Map<String, String>> audit() {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Row row : Await.result(cartPool.preparedQuery("""
            SELECT action, event_id, event_type, correlation_id, reason, operator, outcome
            FROM dlq_audit WHERE queue = $1 ORDER BY id""").execute(Tuple.of(dlq)))) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < row.size(); i++) {
        values.put(row.getColumnName(i), String.valueOf(row.getValue(i)));
      }
      rows.add(values);
    }
    return rows;
  }

  /** Dead-letters {@code events} through the broken handler and waits until they are all in the DLQ. */
  void deadLetter(List<EventEnvelope> events) {
    startBrokenConsumer();
    int before = depth(dlq);
    events.forEach(this::publish);
    await().atMost(Duration.ofSeconds(60)).until(() -> depth(dlq) == before + events.size());
  }

  @Override
  public void close() {
    stopConsumer();
    if (bystander != null) {
      AmqpChannel channel = Await.result(connection.openChannel("test-bystander"));
      Await.result(channel.call(raw -> raw.queueDelete(bystander)).onComplete(ar -> channel.close()));
    }
    publisher.close();
    connection.close();
    NamespaceCleanup.broker(vertx, config, ProstTopology.ALL.toArray(Topology[]::new));
    Await.result(cartPool.close());
  }
}
