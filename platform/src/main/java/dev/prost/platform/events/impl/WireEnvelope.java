package dev.prost.platform.events.impl;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prost.platform.events.EventMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope exactly as it is on the wire, with the payload still JSON: the payload can only
 * be bound once the type and version are known and older versions have been upcast.
 */
record WireEnvelope(
  UUID eventId,
  String eventType,
  int version,
  UUID correlationId,
  // The first event of a flow has no cause; every other field is required.
  @JsonSetter(nulls = Nulls.SET) UUID causationId,
  Instant timestamp,
  String producer,
  ObjectNode payload) {

  /** The metadata of the payload once upcast to {@code currentVersion}. */
  EventMetadata metadata(int currentVersion) {
    return new EventMetadata(
      eventId, eventType, currentVersion, correlationId, causationId, timestamp, producer);
  }
}
