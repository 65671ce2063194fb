package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;

/** The open workload model every simulation uses: a ramp to the rate, then the rate held. */
final class Injection {

  private Injection() {}

  static OpenInjectionStep[] rampThenHold(LoadConfig config, double rate) {
    return new OpenInjectionStep[] {
        rampUsersPerSec(Math.min(1.0, rate)).to(rate).during(config.ramp()),
        constantUsersPerSec(rate).during(config.duration())
    };
  }
}
