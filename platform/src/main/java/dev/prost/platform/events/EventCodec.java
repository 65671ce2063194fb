package dev.prost.platform.events;

import dev.prost.platform.events.impl.JacksonEventCodec;

/**
 * Converts envelopes to and from the JSON wire format of DESIGN.md §3: snake_case fields,
 * UUIDs as strings, timestamps as ISO-8601 UTC with milliseconds, nulls written out.
 *
 * <p>Decoding upcasts older payload versions, so consumers only see current records, and
 * ignores unknown fields so that producers can add fields before consumers know them.
 * Implementations are thread-safe.
 */
public interface EventCodec {

  /** A codec with the {@link Upcasters#standard() standard} upcasters. */
  static EventCodec create() {
    return create(Upcasters.standard());
  }

  /** A codec with the given upcasters. */
  static EventCodec create(Upcasters upcasters) {
    return new JacksonEventCodec(upcasters);
  }

  /** The envelope as UTF-8 JSON. */
  byte[] encode(EventEnvelope envelope);

  /** The envelope as a JSON string. */
  String encodeToString(EventEnvelope envelope);

  /**
   * Parses UTF-8 JSON into an envelope holding the current version of the event.
   *
   * @throws EventDecodingException if the input is not a valid envelope of a known event
   */
  EventEnvelope decode(byte[] json);

  /**
   * Parses a JSON string into an envelope holding the current version of the event.
   *
   * @throws EventDecodingException if the input is not a valid envelope of a known event
   */
  EventEnvelope decode(String json);
}
