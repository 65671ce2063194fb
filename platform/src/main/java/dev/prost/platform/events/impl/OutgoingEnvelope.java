package dev.prost.platform.events.impl;

import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope as it is written, fields in wire order, with the event record as its payload:
 * Jackson serializes the payload by its runtime class, straight into the output.
 */
record OutgoingEnvelope(
  UUID eventId,
  String eventType,
  int version,
  UUID correlationId,
  UUID causationId,
  Instant timestamp,
  String producer,
  Event payload) {

  static OutgoingEnvelope of(EventEnvelope envelope) {
    EventMetadata metadata = envelope.metadata();
    return new OutgoingEnvelope(
      metadata.eventId(),
      metadata.eventType(),
      metadata.version(),
      metadata.correlationId(),
      metadata.causationId(),
      metadata.timestamp(),
      metadata.producer(),
      envelope.event());
  }
}
