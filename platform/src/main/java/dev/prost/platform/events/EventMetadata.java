package dev.prost.platform.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope fields every event carries, shared by all event types (DESIGN.md §3).
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param eventType the catalogue name of the payload's type
 * @param version the payload's schema version
 * @param correlationId the checkout (or other flow) the event belongs to, carried unchanged
 * @param causationId the event that caused this one, or null for the first event of a flow
 * @param timestamp when the event was produced
 * @param producer the service that produced it
 */
public record EventMetadata(
  UUID eventId,
  String eventType,
  int version,
  UUID correlationId,
  UUID causationId,
  Instant timestamp,
  String producer) {

  public EventMetadata {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(producer, "producer");
  }

  /** Metadata for the first event of a flow: nothing caused it. */
  public static EventMetadata first(String producer, UUID correlationId, Event event) {
    return create(producer, correlationId, null, event);
  }

  /** Metadata for an event produced in reaction to {@code cause}, in the same flow. */
  public static EventMetadata causedBy(String producer, EventMetadata cause, Event event) {
    return create(producer, cause.correlationId(), cause.eventId(), event);
  }

  private static EventMetadata create(
    String producer, UUID correlationId, UUID causationId, Event event) {
    EventType type = EventCatalog.of(event);
    // The wire keeps milliseconds; truncating here makes a decoded event equal the one sent.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new EventMetadata(
      UUID.randomUUID(), type.name(), type.version(), correlationId, causationId, now, producer);
  }
}
