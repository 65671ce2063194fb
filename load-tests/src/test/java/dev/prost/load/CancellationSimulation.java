package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Cancellations after confirmation beside the checkout load: {@code PROST_LOAD_RATE} checkouts
 * per second (default 50) of which {@code PROST_LOAD_CANCEL_RATE} per second (default 20) are
 * cancelled once confirmed. The "cancellation" group's wall time (cancel → CANCELLED: the refund
 * and the units back in stock) is in the report; the aim is a p99 under 1 s.
 */
public class CancellationSimulation extends CustomerSimulation {

  public CancellationSimulation() {
    super(50);
    double cancelRate = Double.parseDouble(LoadConfig.param("PROST_LOAD_CANCEL_RATE", "20"));
    setUp(
        checkouts(Math.max(0, config.rate() - cancelRate)),
        scenario("checkout and cancel")
            .exec(Cancellations.checkoutThenCancel(config, fixture.catalogue, fixture.customers))
            .injectOpen(Injection.rampThenHold(config, cancelRate)))
        .protocols(Flows.protocol())
        .assertions(failureBoundsAnd(Cancellations.CANCELLATION,
            details(Cancellations.CANCELLATION, "cancel").responseTime().percentile(99.0)
                .lt(config.checkoutP99Millis())));
  }
}
