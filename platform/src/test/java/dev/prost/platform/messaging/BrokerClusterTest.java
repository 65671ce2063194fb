package dev.prost.platform.messaging;

import dev.prost.platform.messaging.topology.TopologyNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.QueueProbe;
import dev.prost.platform.testing.RabbitNode;
import dev.prost.platform.testing.RabbitNodes;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("A three-node RabbitMQ cluster that loses a node")
class BrokerClusterTest {

  @RegisterExtension
  static final RabbitNodes cluster = RabbitNodes.cluster(3);
  private final MessagingConfig config = TestNamespace.config(Map.of("PROST_AMQP_URIS", cluster.uris()));
  private final Topology topology = Topology.forService("catalog").consume("orders", "order.placed").build();
  private final Subscription subscription = topology.subscriptions().get(0);
  private final TopologyNames names = new TopologyNames(config.namespace());

  @Test
  @DisplayName("quorum queues get a member on each node; a publisher on the node that is killed recovers to another,"
      + " and every event published before and after arrives")
  void publisherAndQueuesSurviveANodeKill(Vertx vertx) {
    assertThat(config.amqpUris()).hasSize(3);
    assertThat(config.queueReplicas()).isEqualTo(3);
    AmqpConnection connection = Await.result(AmqpConnection.open(vertx, config, "prost-cluster-test@" + config.namespace()));
    try {
      AmqpChannel channel = Await.result(ServiceMessaging.declare(connection, config, topology));
      String members = cluster.node(0).ctl("-q", "list_queues", "--no-table-headers", "name", "members");
      String workLine = members.lines().filter(l -> l.startsWith(names.workQueue(subscription) + "\t")).findFirst()
          .orElseThrow();
      cluster.nodes().forEach(node -> assertThat(workLine).contains(node.name()));

      channel.close();
      assertThat(publish(connection, 0, 200)).as("confirmed before the kill").isTrue();
      RabbitNode connected = nodeOf("prost-cluster-test@" + config.namespace());
      connected.kill();
      // the connection recovers on another node; until it has, or while the queue elects a new
      // leader, a publish fails or is nacked and the batch is sent again (repeats are fine)
      await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> publish(connection, 200, 400));
      assertThat(nodeOf("prost-cluster-test@" + config.namespace())).isNotSameAs(connected);

      Set<String> expected = IntStream.range(0, 400).mapToObj(i -> "event-" + i).collect(Collectors.toSet());
      Set<String> arrived = new HashSet<>();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
        arrived.addAll(QueueProbe.takeMessageIds(vertx, config, names.workQueue(subscription)));
        assertThat(arrived).as("distinct events in the work queue").isEqualTo(expected);
      });
    } finally {
      connection.close();
    }
  }

  /** Publishes events {@code from}..{@code to} on a channel of their own; answers whether all were confirmed. */
  private boolean publish(AmqpConnection connection, int from, int to) {
    AmqpChannel channel = Await.result(connection.openChannel("cluster-test-publisher"));
    try {
      return Await.result(channel.call(raw -> {
        raw.confirmSelect();
        for (int i = from; i < to; i++) {
          raw.basicPublish(names.exchange("orders"), "order.placed",
              new AMQP.BasicProperties.Builder().messageId("event-" + i).deliveryMode(2).build(), new byte[] {'{', '}'});
        }
        return raw.waitForConfirms(30_000);
      }));
    } finally {
      channel.close();
    }
  }

  /** The node holding the client connection named {@code name} (by the AMQP port it was accepted on). */
  private RabbitNode nodeOf(String name) {
    List<RabbitNode> live = cluster.nodes().stream().filter(n -> ProcessHandle.of(n.pid()).isPresent()).toList();
    String connections = live.get(0).ctl("-q", "list_connections", "--no-table-headers", "port", "client_properties");
    int port = connections.lines().filter(l -> l.contains("\"" + name + "\"")).findFirst()
        .map(l -> Integer.parseInt(l.split("\\s+")[0])).orElseThrow();
    return live.stream().filter(n -> n.amqpPort() == port).findFirst().orElseThrow();
  }
}
