package dev.prost.platform.messaging;

import dev.prost.platform.messaging.topology.TopologyPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Broker addresses: PROST_AMQP_URIS and PROST_AMQP_URI")
class BrokerAddressesTest {

  @Test
  @DisplayName("one URI: one node, quorum queues without a group size (one member either way)")
  void oneNode() {
    MessagingConfig config = MessagingConfig.from(Env.of(Map.of("PROST_AMQP_URI", "amqp://u:p@broker:5673/shop")));
    assertThat(config.amqpUris()).containsExactly(URI.create("amqp://u:p@broker:5673/shop"));
    assertThat(config.queueReplicas()).isEqualTo(1);
    assertThat(TopologyPlan.of(config, java.util.List.of(Topology.forService("cart").consume("users", "x").build()))
        .queues()).allSatisfy(q -> assertThat(q.arguments()).doesNotContainKey("x-quorum-initial-group-size"));
  }

  @Test
  @DisplayName("a list: every node, replicas = nodes up to 3, and the list wins over PROST_AMQP_URI")
  void clusterList() {
    MessagingConfig config = MessagingConfig.from(Env.of(Map.of(
        "PROST_AMQP_URI", "amqp://ignored:5672",
        "PROST_AMQP_URIS", "amqp://u:p@a:5672, amqp://u:p@b:5673,amqp://u:p@c,amqp://u:p@d")));
    assertThat(config.amqpUris()).hasSize(4);
    assertThat(config.amqpUri().getHost()).isEqualTo("a");
    assertThat(config.queueReplicas()).isEqualTo(3);
    assertThat(BrokerAddresses.resolver(config).getAddresses()).extracting(Object::toString)
        .containsExactly("a:5672", "b:5673", "c:5672", "d:5672");
    assertThat(TopologyPlan.of(config, java.util.List.of(Topology.forService("cart").consume("users", "x").build()))
        .queues()).allSatisfy(q -> assertThat(q.arguments()).containsEntry("x-quorum-initial-group-size", 3));
  }

  @Test
  @DisplayName("PROST_QUEUE_REPLICAS overrides the default; nodes that disagree on user or vhost are refused")
  void replicasAndMismatches() {
    assertThat(MessagingConfig.from(Env.of(Map.of("PROST_AMQP_URIS", "amqp://a,amqp://b",
        "PROST_QUEUE_REPLICAS", "1"))).queueReplicas()).isEqualTo(1);
    assertThatThrownBy(() -> MessagingConfig.from(Env.of(Map.of("PROST_AMQP_URIS", "amqp://u:p@a/x,amqp://u:p@b/y"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PROST_AMQP_URIS");
    assertThatThrownBy(() -> MessagingConfig.from(Env.of(Map.of("PROST_AMQP_URIS", "amqp://a,http://b"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PROST_AMQP_URIS");
    assertThatThrownBy(() -> MessagingConfig.from(Env.of(Map.of("PROST_AMQP_URIS", " , "))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PROST_AMQP_URIS");
  }
}
