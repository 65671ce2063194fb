package dev.prost.platform.events.impl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Strict JSON forms of instants and UUIDs. Jackson's own deserializers also take epoch numbers
 * and base64 UUIDs; on the wire only the canonical strings are valid.
 */
final class WireScalars {

  private static final int UUID_LENGTH = 36;

  private WireScalars() {
  }

  /**
   * The UUID in its canonical 8-4-4-4-12 hex form (either case), or null for anything else:
   * {@code UUID.fromString} alone accepts abbreviated forms such as "1-1-1-1-1".
   */
  static UUID canonicalUuid(String text) {
    if (text.length() != UUID_LENGTH) {
      return null;
    }
    for (int i = 0; i < UUID_LENGTH; i++) {
      char c = text.charAt(i);
      boolean valid = i == 8 || i == 13 || i == 18 || i == 23
        ? c == '-'
        : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (!valid) {
        return null;
      }
    }
    return UUID.fromString(text);
  }

  static SimpleModule module() {
    return new SimpleModule("prost-wire-scalars")
      .addSerializer(Instant.class, new InstantSerializer())
      .addDeserializer(Instant.class, new InstantDeserializer())
      .addDeserializer(UUID.class, new UuidDeserializer());
  }

  private static final class InstantSerializer extends StdScalarSerializer<Instant> {
    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
      gen.writeString(WireInstants.format(value));
    }
  }

  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      try {
        return WireInstants.parse(p.getText());
      } catch (DateTimeParseException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
          "expected an ISO-8601 instant such as 2026-11-24T10:15:30.123Z");
      }
    }
  }

  private static final class UuidDeserializer extends StdScalarDeserializer<UUID> {
    UuidDeserializer() {
      super(UUID.class);
    }

    @Override
    public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
      }
      String text = p.getText();
      UUID uuid = canonicalUuid(text);
      if (uuid == null) {
        return (UUID) ctxt.handleWeirdStringValue(UUID.class, text,
          "expected a UUID such as 0b7e4b8e-4f5a-4d7e-9c1a-1f6d2a3b4c5d");
      }
      return uuid;
    }
  }
}
