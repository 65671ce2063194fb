package dev.prost.launcher.faults;

import dev.prost.launcher.faults.FaultScenario.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every kind of fault, injected while customers check out at a steady pace through HAProxy,
 * each service in a JVM of its own. The short run (in {@code mvn verify}) injects one of each; the
 * full run ({@code scripts/bench faults}) hits every service and repeats them. The broker it
 * restarts is the deployment's own node, never the machine's shared one.
 */
@DisplayName("Fault suite: one JVM per service under a steady checkout load")
class FaultToleranceTest {

  // catalog stays down past the sagas' stock deadline: they compensate while their OrderPlaced
  // waits in catalog's queue, and meet it there when catalog is back
  private static final Duration PAST_THE_DEADLINE = Deployment.RESERVATION_DEADLINE.plusSeconds(3);

  private static final List<Fault> SHORT = List.of(
      FaultInjector::poison,
      FaultInjector::duplicate,
      faults -> faults.terminateBackends("catalog"),
      FaultInjector::redisOutage,
      faults -> faults.kill("catalog", 0, PAST_THE_DEADLINE),
      faults -> faults.kill("orders", 0),
      FaultInjector::restartBroker);

  private static final List<Fault> FULL = List.of(
      FaultInjector::poison,
      FaultInjector::duplicate,
      faults -> faults.terminateBackends("catalog"),
      FaultInjector::redisOutage,
      faults -> faults.kill("catalog", 0, PAST_THE_DEADLINE),
      FaultInjector::duplicate,
      faults -> faults.terminateBackends("orders"),
      FaultInjector::restartBroker,
      faults -> faults.kill("orders", 0),
      faults -> faults.terminateBackends("cart"),
      faults -> faults.kill("cart", 0),
      FaultInjector::duplicate,
      faults -> faults.terminateBackends("users"),
      faults -> faults.kill("users", 0),
      FaultInjector::restartBroker,
      FaultInjector::poison);

  @Test
  @DisplayName("a broker restart, SIGKILLs, cut database connections, duplicates, poison and a Redis outage lose no"
      + " checkout and apply nothing twice")
  void everySagaEndsOnceWhateverHappens() throws Exception {
    FaultPlan plan = FaultPlan.fromSystemProperties();
    FaultScenario.assertPassed(FaultScenario.run("faults-one-instance", "one JVM per service", 1, plan,
        plan.full() ? FULL : SHORT));
  }
}
