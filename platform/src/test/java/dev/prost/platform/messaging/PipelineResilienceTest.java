package dev.prost.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.RabbitNode;
import dev.prost.platform.testing.RabbitNodes;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Delivery pipeline under faults")
class PipelineResilienceTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  // a broker of the class's own: its tests restart it and force-close connections on it
  @RegisterExtension
  static final RabbitNodes broker = RabbitNodes.single();
  private PipelineFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static MessagingConfig config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("PROST_AMQP_URI", broker.uri());
    return TestNamespace.config(env);
  }

  private static RabbitNode node() {
    return broker.node(0);
  }

  @Test
  @DisplayName("1,000 events in flight while the broker force-closes the connections: all applied exactly once")
  void brokerConnectionsClosed(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, config(Map.of()));
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());

    fixture.emit(1000);
    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.effects() > 50);
    int closed = node().closeConnectionsNamed(fixture.connectionName("users"))
        + node().closeConnectionsNamed(fixture.connectionName("cart"));

    assertThat(closed).isEqualTo(2);
    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.effects() == 1000 && fixture.unpublished() == 0);
    assertThat(fixture.appliedTwice()).isZero();
    assertThat(fixture.inboxRows()).isEqualTo(1000);
  }

  @Test
  @DisplayName("events in flight while RabbitMQ restarts: all applied exactly once after it is back")
  void brokerRestart(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, config(Map.of()));
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());

    fixture.emit(300);
    await().atMost(PATIENCE).until(() -> fixture.effects() > 20);
    node().stop();
    node().start();
    // written while the clients are still reconnecting: only recovered connections deliver these
    fixture.emit(300);

    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.effects() == 600 && fixture.unpublished() == 0);
    assertThat(fixture.appliedTwice()).isZero();
    assertThat(fixture.inboxRows()).isEqualTo(600);
  }

  @Test
  @DisplayName("the connection lost after the handler's commit and before its ack: the redelivery is skipped as a duplicate")
  void lostAckIsAbsorbedByTheInbox(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, config(Map.of()));
    AtomicBoolean first = new AtomicBoolean(true);
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers((conn, envelope) -> first.getAndSet(false)
        // the commit that follows still succeeds; the ack after it goes to a dead channel
        ? vertx.executeBlocking(() -> node().closeConnectionsNamed(fixture.connectionName("cart"))).mapEmpty()
        : Future.succeededFuture()));

    fixture.emit(1);

    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.counter("prost.events.duplicates") == 1);
    assertThat(fixture.effects()).isEqualTo(1);
    assertThat(fixture.appliedTwice()).isZero();
  }

  @Test
  @DisplayName("a consumer cancelled by the broker (its classic queue deleted) subscribes again once the queue is back")
  void consumerResubscribes(Vertx vertx) {
    // RabbitMQ 3.10 sends consumer-cancel notifications for deleted classic queues; for a
    // deleted quorum queue it leaves the consumer registered and silent (seen here)
    fixture = new PipelineFixture(vertx, db, config(Map.of("PROST_QUEUE_TYPE", "classic")));
    ServiceMessaging producer = fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());
    fixture.emit(5);
    await().atMost(PATIENCE).until(() -> fixture.effects() == 5);

    String queue = fixture.names.workQueue(fixture.consumerTopology.subscriptions().get(0));
    AmqpChannel admin = dev.prost.platform.testing.Await.result(producer.connection().openChannel("admin"));
    dev.prost.platform.testing.Await.result(admin.call(raw -> raw.queueDelete(queue)));
    dev.prost.platform.testing.Await.result(
        ServiceMessaging.declare(producer.connection(), fixture.config, fixture.consumerTopology));
    fixture.emit(5);

    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.effects() == 10);
    assertThat(fixture.appliedTwice()).isZero();
  }

  @Test
  @DisplayName("two relays draining one outbox of 5,000 rows: the inbox has exactly 5,000 rows, nothing applied twice")
  void competingRelays(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, config(Map.of()));
    fixture.startProducer();
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());

    fixture.emit(5000);

    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.inboxRows() == 5000 && fixture.unpublished() == 0);
    assertThat(fixture.effects()).isEqualTo(5000);
    assertThat(fixture.appliedTwice()).isZero();
  }

  @Test
  @DisplayName("PostgreSQL terminating the services' connections: handlers fail transiently, retry, and apply every event once")
  void databaseConnectionsTerminated(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, config(Map.of("PROST_RETRY_MAX_ATTEMPTS", "10")));
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());

    fixture.emit(300);
    for (int i = 0; i < 3; i++) {
      int round = i;
      await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.effects() > 50 * round);
      db.adminExecute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND usename IN ('cart_svc', 'users_svc')");
    }

    await().atMost(PATIENCE).ignoreExceptions().until(() -> fixture.effects() == 300 && fixture.unpublished() == 0);
    assertThat(fixture.appliedTwice()).isZero();
    assertThat(fixture.inboxRows()).isEqualTo(300);
  }
}
