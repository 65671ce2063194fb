package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop as a whole: of the users arriving per second ({@code PROST_LOAD_RATE}, default 200),
 * 90 % browse (one request each) and 10 % check out.
 */
public class MixedSimulation extends Simulation {

  private static final Logger log = LoggerFactory.getLogger(MixedSimulation.class);

  private final LoadConfig config = LoadConfig.load(200);
  private final LoadFixture fixture = new LoadFixture(config);

  {
    setUp(
        scenario("browse").exec(Flows.browse(config, fixture.catalogue))
            .injectOpen(Injection.rampThenHold(config, config.rate() * 0.9)),
        scenario("checkout").exec(Flows.checkout(config, fixture.catalogue, fixture.customers))
            .injectOpen(Injection.rampThenHold(config, config.rate() * 0.1)))
        .protocols(Flows.protocol())
        .assertions(
            global().failedRequests().percent().lte(config.maxErrorPercent()),
            details(Flows.SAGA_COMPLETION).failedRequests().percent().lte(config.maxErrorPercent()),
            details("product").responseTime().percentile(99.0).lt(config.browseP99Millis()),
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
