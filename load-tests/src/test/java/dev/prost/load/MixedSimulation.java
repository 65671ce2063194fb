package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The shop as a whole: of the users arriving per second ({@code PROST_LOAD_RATE}, default 200),
 * 90 % browse (one request each) and 10 % check out.
 */
public class MixedSimulation extends CustomerSimulation {

  public MixedSimulation() {
    super(200);
    setUp(
        scenario("browse").exec(Flows.browse(config, fixture.catalogue))
            .injectOpen(Injection.rampThenHold(config, config.rate() * 0.9)),
        checkouts(config.rate() * 0.1))
        .protocols(Flows.protocol())
        .assertions(failureBoundsAnd(Flows.SAGA_COMPLETION,
            details("product").responseTime().percentile(99.0).lt(config.browseP99Millis()),
            details("checkout").responseTime().percentile(99.0).lt(config.checkoutP99Millis())));
  }
}
