package dev.prost.platform.messaging;

import dev.prost.platform.messaging.topology.TopologyDeclarer;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.messaging.topology.TopologyPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.QueueProbe;
import dev.prost.platform.testing.RabbitNodes;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Broker topology")
class TopologyTest {

  // a node of the class's own: one test stops and starts it, another force-closes a connection
  @RegisterExtension
  static final RabbitNodes broker = RabbitNodes.single();
  private final MessagingConfig config = TestNamespace.config(Map.of("PROST_AMQP_URI", broker.uri()));
  private final TopologyNames names = new TopologyNames(config.namespace());
  private final Topology topology = Topology.forService("catalog")
      .consume("orders", "order.placed", "order.confirmed", "order.failed")
      .build();
  private final Subscription subscription = topology.subscriptions().get(0);
  private AmqpConnection connection;

  @AfterEach
  void deleteTopology(Vertx vertx) {
    if (connection != null) {
      connection.close();
      // a fresh connection: the test's own may still be recovering from a broker restart
      AmqpConnection cleanup = Await.result(AmqpConnection.open(vertx, config, "prost-topology-cleanup"));
      try {
        Await.result(cleanup.openChannel("cleanup").compose(channel -> channel.<Void>call(raw -> {
          new TopologyDeclarer(config).delete(raw, topology);
          return null;
        }).onComplete(ar -> channel.close())));
      } finally {
        cleanup.close();
      }
    }
  }

  @Test
  @DisplayName("names follow <ns>.<producer>.events.<consumer> with .retry, .dlx and .dlq beside it")
  void names() {
    String ns = config.namespace();
    assertThat(names.exchange("orders")).isEqualTo(ns + ".orders.events");
    assertThat(names.workQueue(subscription)).isEqualTo(ns + ".orders.events.catalog");
    assertThat(names.retryQueue(subscription)).isEqualTo(ns + ".orders.events.catalog.retry");
    assertThat(names.deadLetterExchange(subscription)).isEqualTo(ns + ".orders.events.catalog.dlx");
    assertThat(names.deadLetterQueue(subscription)).isEqualTo(ns + ".orders.events.catalog.dlq");
  }

  @Test
  @DisplayName("declaring twice is harmless, and a published event is routed to the bound work queue")
  void redeclareAndRoute(Vertx vertx) {
    connection = Await.result(AmqpConnection.open(vertx, config, "prost-topology-test"));
    Await.result(ServiceMessaging.declare(connection, config, topology));
    AmqpChannel channel = Await.result(ServiceMessaging.declare(connection, config, topology));

    Await.result(channel.call(raw -> {
      raw.basicPublish(names.exchange("orders"), "order.placed", new AMQP.BasicProperties(), new byte[] {'{', '}'});
      raw.basicPublish(names.exchange("orders"), "payment.requested", new AMQP.BasicProperties(), new byte[] {'{', '}'});
      return null;
    }));

    await().atMost(Duration.ofSeconds(30)).until(() -> messageCount(channel, names.workQueue(subscription)) == 1);
    assertThat(messageCount(channel, names.deadLetterQueue(subscription))).isZero();
  }

  @Test
  @DisplayName("after a forced reconnect the topology is declared again: a deleted queue comes back")
  void redeclaredOnReconnect(Vertx vertx) {
    connection = Await.result(AmqpConnection.open(vertx, config, "prost-topology-redeclare@" + config.namespace()));
    Await.result(ServiceMessaging.declare(connection, config, topology));
    // deleted behind the service's back (another connection), as a broker that lost its definitions
    AmqpConnection other = Await.result(AmqpConnection.open(vertx, config, "prost-topology-admin"));
    AmqpChannel admin = Await.result(other.openChannel("admin"));
    Await.result(admin.call(raw -> raw.queueDelete(names.deadLetterQueue(subscription))));
    other.close();
    assertThat(QueueProbe.exists(vertx, config, names.deadLetterQueue(subscription))).isFalse();

    assertThat(broker.node(0).closeConnectionsNamed("prost-topology-redeclare@" + config.namespace())).isEqualTo(1);

    await().atMost(Duration.ofSeconds(60)).until(() -> QueueProbe.exists(vertx, config, names.deadLetterQueue(subscription)));
  }

  @Test
  @DisplayName("retries that come due while RabbitMQ is down all reach the work queue once it is back: none is dropped")
  void retriesSurviveABrokerRestart(Vertx vertx) {
    int retries = 2_000;
    TopologyPlan.QueueSpec retry = TopologyPlan.of(config, List.of(topology)).queues().stream()
        .filter(q -> q.name().equals(names.retryQueue(subscription))).findFirst().orElseThrow();
    assertThat(retry.arguments())
        .containsEntry("x-dead-letter-strategy", "at-least-once")
        .containsEntry("x-overflow", "reject-publish");
    connection = Await.result(AmqpConnection.open(vertx, config, "prost-topology-retry@" + config.namespace()));
    AmqpChannel channel = Await.result(ServiceMessaging.declare(connection, config, topology));
    Set<String> ids = IntStream.range(0, retries).mapToObj(i -> "retry-" + i).collect(Collectors.toSet());
    Await.result(channel.call(raw -> {
      raw.confirmSelect();
      for (int i = 0; i < retries; i++) {
        // as FailureRouter parks a failed delivery: its delay as the message's TTL, due over 1-3 s
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("retry-" + i)
            .deliveryMode(2).expiration(Integer.toString(1_000 + i % 2_000)).build();
        raw.basicPublish("", names.retryQueue(subscription), props, new byte[] {'{', '}'});
      }
      raw.waitForConfirmsOrDie(30_000);
      return null;
    }));
    Instant allDue = Instant.now().plusSeconds(3);

    // they expire while the node is down, and dead-letter as it recovers its queues
    broker.node(0).stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(allDue));
    broker.node(0).start();

    // at-least-once: a retry may reach the work queue twice, so every id must arrive, repeats aside
    Set<String> arrived = new HashSet<>();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      arrived.addAll(QueueProbe.takeMessageIds(vertx, config, names.workQueue(subscription)));
      assertThat(arrived).as("distinct retries back in the work queue").hasSize(retries).isEqualTo(ids);
    });
  }

  private long messageCount(AmqpChannel channel, String queue) {
    return Await.result(channel.call(raw -> raw.messageCount(queue)));
  }
}
