package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkouts only: each arriving user is one checkout, so {@code PROST_LOAD_RATE} is checkouts
 * started per second (default 50). The "saga completion" group's wall time (202 → terminal) is
 * in the report; scripts/bench checks its p99, since Gatling asserts groups on cumulated time.
 */
public class CheckoutSimulation extends Simulation {

  private static final Logger log = LoggerFactory.getLogger(CheckoutSimulation.class);

  private final LoadConfig config = LoadConfig.load(50);
  private final LoadFixture fixture = new LoadFixture(config);

  {
    setUp(scenario("checkout").exec(Flows.checkout(config, fixture.catalogue, fixture.customers))
        .injectOpen(Injection.rampThenHold(config, config.rate())))
        .protocols(Flows.protocol())
        .assertions(
            global().failedRequests().percent().lte(config.maxErrorPercent()),
            details(Flows.SAGA_COMPLETION).failedRequests().percent().lte(config.maxErrorPercent()),
            // the requests a customer waits on; a held status request lasts as long as its saga
            details("cart add").responseTime().percentile(99.0).lt(config.checkoutP99Millis()),
            details("checkout").responseTime().percentile(99.0).lt(config.checkoutP99Millis()));
  }

  @Override
  public void before() {
    fixture.prepare(true);
  }

  @Override
  public void after() {
    log.info("customer pool: {} idle at the end, {} arrivals found it empty", fixture.customers.idle(),
        fixture.customers.starved());
  }
}
