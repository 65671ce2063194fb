package dev.prost.orders.saga;

import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.domain.SagaState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The saga's meters, tagged {@code service=orders}: started, confirmed, failed by reason,
 * compensation timeouts and the time from start to a terminal state. Counted only for committed transitions: the consumer's
 * after-commit step {@link #record records} what its handler's transaction did.
 */
public final class SagaMetrics {

  private final MeterRegistry registry;
  private final Counter started;
  private final Counter confirmed;
  private final Counter compensationTimeouts;
  private final Timer completion;

  private static final String SERVICE = "orders";

  public SagaMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.started = Counter.builder("prost_sagas_started").description("Checkout sagas started")
        .tag("service", SERVICE).register(registry);
    this.confirmed = Counter.builder("prost_sagas_confirmed").description("Sagas ended CONFIRMED")
        .tag("service", SERVICE).register(registry);
    this.compensationTimeouts = Counter.builder("prost_saga_compensation_timeouts")
        .description("Sagas ended FAILED because compensation did not finish in time")
        .tag("service", SERVICE).register(registry);
    this.completion = Timer.builder("prost_saga_completion")
        .description("Time from a saga's start to CONFIRMED or FAILED")
        .tag("service", SERVICE)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** Counts a committed transition. */
  public void record(Applied applied) {
    if (!applied.moved()) {
      return;
    }
    if (applied.from() == null) {
      started.increment();
    }
    SagaState to = applied.to();
    if (to == SagaState.CONFIRMED) {
      confirmed.increment();
    } else if (to == SagaState.FAILED) {
      Counter.builder("prost_sagas_failed").description("Sagas ended FAILED, by reason")
          .tags("service", SERVICE, "reason", reasonTag(applied.reason())).register(registry).increment();
      if (applied.input() == SagaInput.DEADLINE_PASSED && applied.from() == SagaState.COMPENSATING) {
        compensationTimeouts.increment();
      }
    }
    if ((to == SagaState.CONFIRMED || to == SagaState.FAILED) && applied.startedAt() != null) {
      completion.record(Duration.between(applied.startedAt(), OffsetDateTime.now()));
    }
  }

  // a bounded tag set: a reason's first words ("payment declined: …" → "payment declined")
  private static String reasonTag(String reason) {
    if (reason == null) {
      return "unknown";
    }
    String head = reason.split("[:(]", 2)[0].trim().toLowerCase();
    return head.length() > 40 ? head.substring(0, 40) : head;
  }
}
