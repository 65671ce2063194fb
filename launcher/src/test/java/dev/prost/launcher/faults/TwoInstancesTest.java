package dev.prost.launcher.faults;

import dev.prost.launcher.faults.FaultScenario.Fault;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service against one database and one broker (a node of the test's own): their consumers compete
 * for every work queue, their relays for every outbox, their sweepers for overdue sagas,
 * reservations and refunds. One HAProxy, configured as {@code prost balancer} renders it, in
 * front of all of them (least connections, health-checked on {@code /health/ready}), so a
 * checkout is submitted to one cart instance and may be polled on the other; a killed instance
 * leaves the rotation by the health check. The same load and the same checks as the fault suite; faults here
 * hit one instance while its twin carries on (the broker restart stays in FaultToleranceTest).
 */
@DisplayName("Scale: two instances of every service behind HAProxy, against one database and broker")
class TwoInstancesTest {

  private static final List<Fault> SHORT = List.of(
      FaultInjector::duplicate,
      faults -> faults.kill("orders", 1));

  private static final List<Fault> FULL = List.of(
      FaultInjector::poison,
      FaultInjector::duplicate,
      faults -> faults.kill("catalog", 0),
      faults -> faults.terminateBackends("orders"),
      faults -> faults.kill("orders", 1),
      FaultInjector::duplicate,
      faults -> faults.kill("cart", 0),
      faults -> faults.terminateBackends("catalog"),
      FaultInjector::redisOutage,
      faults -> faults.kill("users", 1));

  @Test
  @DisplayName("competing consumers, relays and sweepers keep every invariant under the checkout load")
  void twoOfEverythingKeepEveryInvariant() throws Exception {
    FaultPlan plan = FaultPlan.fromSystemProperties();
    FaultScenario.assertPassed(FaultScenario.run("faults-two-instances", "two instances of every service behind HAProxy",
        Deployment.Shape.of(2), plan,
        plan.full() ? FULL : SHORT));
  }
}
