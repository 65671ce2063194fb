package dev.prost.orders.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One saga_state row, with the order it drives, as read before a transition; {@code version}
 * is what the update checks.
 */
public record Saga(SagaState state, int version, OffsetDateTime startedAt, String failureReason, OrderHeader order) {

  public UUID orderId() {
    return order.id();
  }
}
