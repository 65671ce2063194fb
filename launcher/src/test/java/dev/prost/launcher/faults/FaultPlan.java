package dev.prost.launcher.faults;

import java.time.Duration;

/**
 * How big a fault run is. The short plan (the default, part of {@code mvn verify}) injects one
 * fault of each kind into a few dozen checkouts; {@code -Dprost.faults=full} (what
 * {@code scripts/bench faults} runs) repeats them over hundreds, and
 * {@code -Dprost.faults.sagas=N} sets the number of checkouts for either.
 *
 * @param full whether the scenario's full fault schedule runs
 * @param sagas checkouts to start, at least (the load runs until the faults are over, too)
 * @param perSecond the pace at which checkouts start, as far as customers are free
 * @param customers customers checking out, each one checkout at a time
 * @param endedBetweenFaults checkouts that must end after a fault before the next one: the
 *     proof that the system recovered
 * @param redisOutage how long Redis stays down
 */
record FaultPlan(boolean full, int sagas, double perSecond, int customers, int endedBetweenFaults,
    Duration redisOutage) {

  static FaultPlan fromSystemProperties() {
    boolean full = "full".equals(System.getProperty("prost.faults", "short"));
    return full
        ? new FaultPlan(true, Integer.getInteger("prost.faults.sagas", 300), 5, 24, 15, Duration.ofSeconds(20))
        : new FaultPlan(false, Integer.getInteger("prost.faults.sagas", 50), 4, 12, 4, Duration.ofSeconds(4));
  }
}
