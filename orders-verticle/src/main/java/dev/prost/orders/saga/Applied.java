package dev.prost.orders.saga;

import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.domain.SagaState;
import dev.prost.orders.domain.Step;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What one input did to one saga, reported after its transaction committed (for metrics).
 *
 * @param from the state before; null when no saga existed
 * @param step the table's answer
 * @param reason the failure reason the order carries after the step, if any
 */
public record Applied(UUID orderId, SagaInput input, SagaState from, Step step, String reason,
    OffsetDateTime startedAt) {

  public boolean moved() {
    return step instanceof Step.Transition;
  }

  public SagaState to() {
    return step instanceof Step.Transition transition ? transition.target() : from;
  }
}
