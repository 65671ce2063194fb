package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;

/**
 * Checkouts only: each arriving user is one checkout, so {@code PROST_LOAD_RATE} is checkouts
 * started per second (default 50). The "saga completion" group's wall time (202 → terminal) is
 * in the report; scripts/bench checks its p99, since Gatling asserts groups on cumulated time.
 */
public class CheckoutSimulation extends CustomerSimulation {

  public CheckoutSimulation() {
    super(50);
    setUp(checkouts(config.rate()))
        .protocols(Flows.protocol())
        .assertions(failureBoundsAnd(Flows.SAGA_COMPLETION,
            // the requests a customer waits on; a held status request lasts as long as its saga
            details("cart add").responseTime().percentile(99.0).lt(config.checkoutP99Millis()),
            details("checkout").responseTime().percentile(99.0).lt(config.checkoutP99Millis())));
  }
}
