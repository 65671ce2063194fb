package dev.prost.orders.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One saga_state row as read before a transition; {@code version} is what the update checks. */
public record Saga(UUID orderId, SagaState state, int version, OffsetDateTime startedAt, String failureReason) {}
