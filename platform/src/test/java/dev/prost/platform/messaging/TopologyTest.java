package dev.prost.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.Broker;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Broker topology")
class TopologyTest {

  private final MessagingConfig config = TestNamespace.config();
  private final TopologyNames names = new TopologyNames(config.namespace());
  private final Topology topology = Topology.forService("catalog")
      .consume("orders", "order.placed", "order.confirmed", "order.failed")
      .build();
  private final Subscription subscription = topology.subscriptions().get(0);
  private AmqpConnection connection;

  @AfterEach
  void deleteTopology() {
    if (connection != null) {
      Await.result(connection.openChannel("cleanup").compose(channel -> channel.<Void>call(raw -> {
        new TopologyDeclarer(config).delete(raw, topology);
        return null;
      }).onComplete(ar -> channel.close())));
      connection.close();
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
    assertThat(exists(vertx, names.deadLetterQueue(subscription))).isFalse();

    assertThat(Broker.closeConnectionsNamed("prost-topology-redeclare@" + config.namespace())).isEqualTo(1);

    await().atMost(Duration.ofSeconds(60)).until(() -> exists(vertx, names.deadLetterQueue(subscription)));
  }

  private long messageCount(AmqpChannel channel, String queue) {
    return Await.result(channel.call(raw -> raw.messageCount(queue)));
  }

  /** Passive declare on a fresh connection: a missing queue closes that channel with 404. */
  private boolean exists(Vertx vertx, String queue) {
    AmqpConnection probe = Await.result(AmqpConnection.open(vertx, config, "prost-topology-probe"));
    try {
      AmqpChannel channel = Await.result(probe.openChannel("probe"));
      return Await.result(channel.call(raw -> {
        try {
          raw.queueDeclarePassive(queue);
          return true;
        } catch (java.io.IOException e) {
          return false;
        }
      }));
    } finally {
      probe.close();
    }
  }
}
