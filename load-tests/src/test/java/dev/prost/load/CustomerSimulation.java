package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulations with checkouts share: the run's settings, the fixture with logged-in
 * customers, the checkout scenario, the failed-request bounds and the customer pool's line at
 * the end.
 */
abstract class CustomerSimulation extends Simulation {

  private static final Logger log = LoggerFactory.getLogger(CustomerSimulation.class);

  final LoadConfig config;
  final LoadFixture fixture;

  /** @param defaultRate users arriving per second when {@code PROST_LOAD_RATE} is not set */
  CustomerSimulation(int defaultRate) {
    config = LoadConfig.load(defaultRate);
    fixture = new LoadFixture(config);
  }

  /** Checkouts, one an arriving user, at {@code rate} per second after the ramp. */
  PopulationBuilder checkouts(double rate) {
    return scenario("checkout").exec(Flows.checkout(config, fixture.catalogue, fixture.customers))
        .injectOpen(Injection.rampThenHold(config, rate));
  }

  /**
   * The run's bounds on failed requests, over all requests and within {@code group}, followed by
   * the simulation's own {@code others}.
   */
  List<Assertion> failureBoundsAnd(String group, Assertion... others) {
    List<Assertion> all = new ArrayList<>(List.of(
        global().failedRequests().percent().lte(config.maxErrorPercent()),
        details(group).failedRequests().percent().lte(config.maxErrorPercent())));
    all.addAll(List.of(others));
    return all;
  }

  @Override
  public void before() {
    fixture.prepare(true);
  }

  /** The line scripts/bench reads: a starved arrival is a checkout that could not start. */
  @Override
  public void after() {
    log.info("customer pool: {} idle at the end, {} arrivals found it empty", fixture.customers.idle(),
        fixture.customers.starved());
  }
}
