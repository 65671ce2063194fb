package dev.prost.platform.messaging.deadletter;

import java.util.Objects;

/**
 * Which messages of a dead-letter queue an operation acts on: those of one checkout (the
 * correlation id), at most {@code limit} of them, oldest first.
 *
 * @param correlationId only messages with this correlation id, or null for all
 * @param limit at most this many (positive)
 */
public record DeadLetterSelection(String correlationId, int limit) {

  public DeadLetterSelection {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
  }

  public static DeadLetterSelection all() {
    return new DeadLetterSelection(null, Integer.MAX_VALUE);
  }

  public DeadLetterSelection withCorrelationId(String id) {
    return new DeadLetterSelection(id, limit);
  }

  public DeadLetterSelection withLimit(int max) {
    return new DeadLetterSelection(correlationId, max);
  }

  /** Whether the message passes the filter (the limit is counted by the caller). */
  public boolean matches(DeadLetter letter) {
    return correlationId == null || Objects.equals(correlationId, letter.correlationId().orElse(null));
  }
}
