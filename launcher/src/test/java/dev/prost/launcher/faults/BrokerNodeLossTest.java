package dev.prost.launcher.faults;

import dev.prost.launcher.faults.FaultScenario.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One JVM per service against a three-node RabbitMQ cluster of the test's own, every node in
 * {@code PROST_AMQP_URIS}, every quorum queue with a member on each node. Under the checkout load
 * the node that leads the most queues is SIGKILLed (the other two elect new leaders, the services'
 * connections to it recover to them) and booted again; then the node leading the most is paused
 * (SIGSTOP) for 20 s and resumed. The suite's usual checks afterwards; the report also gives the
 * checkouts' times across each failover.
 */
@DisplayName("Fault suite: a three-node RabbitMQ cluster loses a node under a steady checkout load")
class BrokerNodeLossTest {

  private static final Duration PAUSE = Duration.ofSeconds(20);

  private static final List<Fault> SHORT = List.of(
      FaultInjector::killLeaderNode,
      faults -> faults.pauseLeaderNode(PAUSE));

  private static final List<Fault> FULL = List.of(
      FaultInjector::killLeaderNode,
      FaultInjector::duplicate,
      faults -> faults.pauseLeaderNode(PAUSE),
      faults -> faults.kill("orders", 0),
      FaultInjector::killLeaderNode,
      FaultInjector::poison,
      faults -> faults.pauseLeaderNode(PAUSE),
      FaultInjector::killLeaderNode);

  @Test
  @DisplayName("a SIGKILLed queue-leader node and a node paused for 20 s lose no checkout and apply nothing twice")
  void everySagaEndsOnceWhenABrokerNodeIsLost() throws Exception {
    FaultPlan plan = FaultPlan.fromSystemProperties();
    FaultScenario.assertPassed(FaultScenario.run("faults-broker-node-loss", "a three-node RabbitMQ cluster",
        new Deployment.Shape(1, 3), plan, plan.full() ? FULL : SHORT));
  }
}
