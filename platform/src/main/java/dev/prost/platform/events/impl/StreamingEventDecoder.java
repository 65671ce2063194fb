package dev.prost.platform.events.impl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.events.EventType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decodes the common case straight from the parser, with no tree: a valid envelope at its
 * type's current version whose {@code event_type} and {@code version} come before its payload,
 * as this codec writes them. For any other input, valid or not, it returns null and the
 * {@link TreeEventDecoder} decides, so upcasting and the naming of errors stay in one place.
 * What this class accepts, the tree decoder accepts as the same envelope: each field is taken
 * only in the one form the tree binding would take, and the payload is bound by the same
 * deserializers.
 */
final class StreamingEventDecoder {

  private final ObjectMapper mapper;
  private final Map<Class<? extends Event>, ObjectReader> readers;

  StreamingEventDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
    // A reader resolves its deserializer once. It stops at the end of the payload, which is not
    // the end of the input: the envelope's own check for trailing text is done below.
    this.readers = EventCatalog.all().stream().collect(Collectors.toUnmodifiableMap(
      EventType::javaClass,
      type -> mapper.readerFor(type.javaClass())
        .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)));
  }

  /** The envelope, or null when the tree decoder has to decide. */
  EventEnvelope decode(byte[] json) {
    try (JsonParser parser = mapper.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Fields fields = new Fields();
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        parser.nextToken();
        if (!read(name, parser, fields)) {
          return null;
        }
      }
      // Text after the object is malformed, as FAIL_ON_TRAILING_TOKENS makes it for the tree.
      return parser.nextToken() == null ? fields.envelope() : null;
    } catch (IOException e) {
      // Bad syntax (duplicate names included), or a payload that does not bind.
      return null;
    }
  }

  /**
   * Takes one envelope field at the parser's current token: false, at once, if it is not in the
   * form expected, so the parser is never left inside a value it did not read.
   */
  private boolean read(String name, JsonParser parser, Fields fields) throws IOException {
    return switch (name) {
      case "event_id" -> (fields.eventId = uuid(parser)) != null;
      case "event_type" -> (fields.eventType = text(parser)) != null;
      case "version" -> (fields.version = version(parser)) != null;
      case "correlation_id" -> (fields.correlationId = uuid(parser)) != null;
      // Nullable, but like every field it must be present.
      case "causation_id" -> (fields.causationPresent = parser.hasToken(JsonToken.VALUE_NULL)
        || (fields.causationId = uuid(parser)) != null);
      case "timestamp" -> (fields.timestamp = instant(parser)) != null;
      case "producer" -> (fields.producer = text(parser)) != null;
      case "payload" -> (fields.event = payload(parser, fields)) != null;
      default -> {
        // Unknown fields are ignored, but still parsed: bad syntax inside them is an error.
        parser.skipChildren();
        yield true;
      }
    };
  }

  /** The payload, if the type and a current version came before it; otherwise null. */
  private Event payload(JsonParser parser, Fields fields) throws IOException {
    if (fields.eventType == null || fields.version == null
      || !parser.hasToken(JsonToken.START_OBJECT)) {
      return null;
    }
    EventType type = EventCatalog.byName(fields.eventType).orElse(null);
    if (type == null || fields.version != type.version()) {
      return null;
    }
    fields.type = type;
    return readers.get(type.javaClass()).readValue(parser);
  }

  private static String text(JsonParser parser) throws IOException {
    return parser.hasToken(JsonToken.VALUE_STRING) ? parser.getText() : null;
  }

  private static UUID uuid(JsonParser parser) throws IOException {
    String text = text(parser);
    return text == null ? null : WireScalars.canonicalUuid(text);
  }

  private static Integer version(JsonParser parser) throws IOException {
    return parser.hasToken(JsonToken.VALUE_NUMBER_INT)
      && parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
  }

  private static Instant instant(JsonParser parser) throws IOException {
    String text = text(parser);
    try {
      return text == null ? null : WireInstants.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The envelope's fields as they are read; null where absent or not in the expected form. */
  private static final class Fields {
    UUID eventId;
    String eventType;
    Integer version;
    UUID correlationId;
    boolean causationPresent;
    UUID causationId;
    Instant timestamp;
    String producer;
    EventType type;
    Event event;

    EventEnvelope envelope() {
      if (eventId == null || eventType == null || version == null || correlationId == null
        || !causationPresent || timestamp == null || producer == null || event == null) {
        return null;
      }
      return new EventEnvelope(new EventMetadata(
        eventId, eventType, type.version(), correlationId, causationId, timestamp, producer),
        event);
    }
  }
}
