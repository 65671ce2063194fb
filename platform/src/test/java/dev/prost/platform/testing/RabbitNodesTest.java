package dev.prost.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RabbitMQ nodes of a test's own")
class RabbitNodesTest {

  @Test
  @DisplayName("a node keeps a durable queue's messages across a stop and a SIGKILL, and nothing is left after close")
  void oneNodeStopsKillsAndCleansUp() throws Exception {
    long begun = System.nanoTime();
    RabbitNodes rabbit = RabbitNodes.start(1);
    System.out.printf("one node started in %d ms%n", (System.nanoTime() - begun) / 1_000_000);
    RabbitNode node = rabbit.node(0);
    long pid = node.pid();
    try {
      publish(node, 3);
      node.stop();
      assertThat(ProcessHandle.of(pid)).isEmpty();
      assertThatThrownBy(() -> connect(node).close()).isInstanceOf(java.io.IOException.class);
      node.start();
      awaitCount(node, 3);

      node.kill();
      node.start();
      awaitCount(node, 3);
      assertThat(node.ctl("-q", "status")).doesNotContain("rabbit@localhost");
    } finally {
      rabbit.close();
    }
    assertThat(rabbit.folder()).doesNotExist();
    assertThat(ProcessHandle.of(node.pid())).isEmpty();
    assertThat(ProcessHandle.allProcesses().flatMap(p -> p.info().arguments().stream())
        .filter(args -> String.join(" ", args).contains(node.name().split("@")[0]))).isEmpty();
  }

  @Test
  @DisplayName("three nodes form one cluster; a paused node answers again once resumed")
  void threeNodesCluster() throws Exception {
    long begun = System.nanoTime();
    try (RabbitNodes rabbit = RabbitNodes.start(3)) {
      System.out.printf("a 3-node cluster started in %d ms%n", (System.nanoTime() - begun) / 1_000_000);
      String status = rabbit.node(2).ctl("-q", "cluster_status", "--formatter", "json");
      for (RabbitNode node : rabbit.nodes()) {
        assertThat(status).contains(node.name());
      }
      assertThat(rabbit.uris().split(",")).hasSize(3);
      // declared through one node, seen through another
      publish(rabbit.node(0), 2);
      awaitCount(rabbit.node(1), 2);

      RabbitNode paused = rabbit.node(2);
      paused.pause();
      try {
        // the kernel still accepts the TCP connection; the AMQP handshake gets no answer
        assertThatThrownBy(() -> connect(paused, 2_000).close()).isInstanceOf(Exception.class);
      } finally {
        paused.resume();
      }
      awaitCount(paused, 2);
    }
  }

  private static Connection connect(RabbitNode node) throws Exception {
    return connect(node, 10_000);
  }

  private static Connection connect(RabbitNode node, int timeoutMillis) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(node.amqpUri());
    factory.setConnectionTimeout(timeoutMillis);
    factory.setHandshakeTimeout(timeoutMillis);
    factory.setAutomaticRecoveryEnabled(false);
    return factory.newConnection("rabbit-nodes-test");
  }

  private static void awaitCount(RabbitNode node, long messages) {
    // a restarted quorum queue answers once its leader is elected again
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count(node) == messages);
  }

  private static void publish(RabbitNode node, int messages) throws Exception {
    try (Connection connection = connect(node); Channel channel = connection.createChannel()) {
      channel.queueDeclare("kept", true, false, false, Map.of("x-queue-type", "quorum"));
      channel.confirmSelect();
      for (int i = 0; i < messages; i++) {
        channel.basicPublish("", "kept", new com.rabbitmq.client.AMQP.BasicProperties.Builder().deliveryMode(2).build(),
            new byte[] {(byte) i});
      }
      channel.waitForConfirmsOrDie(30_000);
    }
  }

  private static long count(RabbitNode node) throws Exception {
    try (Connection connection = connect(node); Channel channel = connection.createChannel()) {
      return channel.queueDeclarePassive("kept").getMessageCount();
    }
  }
}
