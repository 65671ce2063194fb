package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Cancellations after confirmation beside the checkout load: {@code PROST_LOAD_RATE} checkouts
 * per second in all (default 50), of which {@code PROST_LOAD_CANCEL_RATE} per second (default 20)
 * are cancelled once confirmed: the cancelled ones are counted inside the rate, not added to it.
 * The aim is the "cancellation" group (cancel → CANCELLED: the refund and the units back in
 * stock) under {@code PROST_LOAD_CANCEL_P99_MILLIS} (1000) at p99. Gatling asserts a group on
 * its cumulated response time (the cancel and the status reads in flight, the pauses between
 * polls left out), a floor of the wall time the report shows, which scripts/bench checks too.
 */
public class CancellationSimulation extends CustomerSimulation {

  public CancellationSimulation() {
    super(50);
    double cancelRate = Double.parseDouble(LoadConfig.param("PROST_LOAD_CANCEL_RATE", "20"));
    int cancelP99Millis = Integer.parseInt(LoadConfig.param("PROST_LOAD_CANCEL_P99_MILLIS", "1000"));
    setUp(
        checkouts(Math.max(0, config.rate() - cancelRate)),
        scenario("checkout and cancel")
            .exec(Cancellations.checkoutThenCancel(config, fixture.catalogue, fixture.customers))
            .injectOpen(Injection.rampThenHold(config, cancelRate)))
        .protocols(Flows.protocol())
        .assertions(failureBoundsAnd(Cancellations.CANCELLATION,
            details(Cancellations.CANCELLATION).responseTime().percentile(99.0).lt(cancelP99Millis)));
  }
}
