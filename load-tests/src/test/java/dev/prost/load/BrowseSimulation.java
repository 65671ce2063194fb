package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * Anonymous browsing: each arriving user makes one request (list 25 %, search 15 %, product
 * 60 %), so {@code PROST_LOAD_RATE} is requests per second (default 1000).
 */
public class BrowseSimulation extends Simulation {

  private final LoadConfig config = LoadConfig.load(1000);
  private final LoadFixture fixture = new LoadFixture(config);

  {
    setUp(scenario("browse").exec(Flows.browse(config, fixture.catalogue))
        .injectOpen(Injection.rampThenHold(config, config.rate())))
        .protocols(Flows.protocol())
        .assertions(
            global().failedRequests().percent().lte(config.maxErrorPercent()),
            global().responseTime().percentile(99.0).lt(config.browseP99Millis()));
  }

  @Override
  public void before() {
    fixture.prepare(false);
  }
}
