package dev.prost.platform.events;

import java.util.Objects;
import java.util.UUID;

/**
 * An event together with its metadata: what a producer hands to the outbox and what a consumer
 * receives from the {@link EventCodec}.
 *
 * <p>The metadata always describes the payload's current type and version, because the codec
 * upcasts older payloads before building an envelope.
 */
public record EventEnvelope(EventMetadata metadata, Event event) {

  public EventEnvelope {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(event, "event");
    EventType type = EventCatalog.of(event);
    if (!type.name().equals(metadata.eventType()) || type.version() != metadata.version()) {
      throw new IllegalArgumentException("Metadata says " + metadata.eventType() + " v"
        + metadata.version() + " but the event is " + type.name() + " v" + type.version());
    }
  }

  /** Wraps the first event of a flow. */
  public static EventEnvelope first(String producer, UUID correlationId, Event event) {
    return new EventEnvelope(EventMetadata.first(producer, correlationId, event), event);
  }

  /** Wraps an event produced in reaction to this one, in the same flow. */
  public EventEnvelope reply(String producer, Event next) {
    return new EventEnvelope(EventMetadata.causedBy(producer, metadata, next), next);
  }

  /**
   * The event as the type a handler was routed for.
   *
   * @throws IllegalStateException if the event is of another type, i.e. a routing mistake
   */
  public <E extends Event> E eventAs(Class<E> type) {
    if (!type.isInstance(event)) {
      throw new IllegalStateException("Expected " + type.getSimpleName() + " but got "
        + metadata.eventType() + " (event " + metadata.eventId() + ")");
    }
    return type.cast(event);
  }
}
