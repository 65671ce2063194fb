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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict JSON forms of instants and UUIDs. Jackson's own deserializers also take epoch numbers
 * and base64 UUIDs; on the wire only the canonical strings are valid.
 */
final class WireScalars {

  // Always three fraction digits, so every timestamp on the wire has the same shape.
  private static final DateTimeFormatter INSTANT_MILLIS =
    new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  // UUID.fromString alone accepts abbreviated forms such as "1-1-1-1-1".
  private static final Pattern CANONICAL_UUID =
    Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

  private WireScalars() {
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
      gen.writeString(INSTANT_MILLIS.format(value));
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
        return Instant.parse(p.getText());
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
      if (!CANONICAL_UUID.matcher(text).matches()) {
        return (UUID) ctxt.handleWeirdStringValue(UUID.class, text,
          "expected a UUID such as 0b7e4b8e-4f5a-4d7e-9c1a-1f6d2a3b4c5d");
      }
      return UUID.fromString(text);
    }
  }
}
