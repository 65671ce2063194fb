package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancellations after confirmation beside the checkout load: {@code PROST_LOAD_RATE} checkouts
 * per second (default 50) of which {@code PROST_LOAD_CANCEL_RATE} per second (default 20) are
 * cancelled once confirmed. The "cancellation" group's wall time (cancel → CANCELLED: the refund
 * and the units back in stock) is in the report; the aim is a p99 under 1 s.
 */
public class CancellationSimulation extends Simulation {

  private static final Logger log = LoggerFactory.getLogger(CancellationSimulation.class);

  private final LoadConfig config = LoadConfig.load(50);
  private final double cancelRate = Double.parseDouble(LoadConfig.param("PROST_LOAD_CANCEL_RATE", "20"));
  private final LoadFixture fixture = new LoadFixture(config);

  {
    setUp(
        scenario("checkout").exec(Flows.checkout(config, fixture.catalogue, fixture.customers))
            .injectOpen(Injection.rampThenHold(config, Math.max(0, config.rate() - cancelRate))),
        scenario("checkout and cancel")
            .exec(Cancellations.checkoutThenCancel(config, fixture.catalogue, fixture.customers))
            .injectOpen(Injection.rampThenHold(config, cancelRate)))
        .protocols(Flows.protocol())
        .assertions(
            global().failedRequests().percent().lte(config.maxErrorPercent()),
            details(Cancellations.CANCELLATION).failedRequests().percent().lte(config.maxErrorPercent()),
            details(Cancellations.CANCELLATION, "cancel").responseTime().percentile(99.0)
                .lt(config.checkoutP99Millis()));
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
