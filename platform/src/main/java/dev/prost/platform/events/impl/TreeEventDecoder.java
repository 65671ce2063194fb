package dev.prost.platform.events.impl;

import static dev.prost.platform.events.EventDecodingException.Kind.MALFORMED_JSON;
import static dev.prost.platform.events.EventDecodingException.Kind.UNKNOWN_EVENT_TYPE;
import static dev.prost.platform.events.EventDecodingException.Kind.UNSUPPORTED_VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventType;
import dev.prost.platform.events.Upcaster;
import dev.prost.platform.events.Upcasters;
import java.io.IOException;
import java.util.Locale;

/**
 * Decodes any envelope through a {@link JsonNode} tree: older versions, which the upcasters
 * change as JSON, and every input that is not a valid current one, for which it names what is
 * wrong. It runs in two steps, syntax then shape, so that
 * {@link EventDecodingException.Kind#MALFORMED_JSON} is never confused with a bad field.
 */
final class TreeEventDecoder {

  private final ObjectMapper mapper;
  private final Upcasters upcasters;

  TreeEventDecoder(ObjectMapper mapper, Upcasters upcasters) {
    this.mapper = mapper;
    this.upcasters = upcasters;
  }

  EventEnvelope decode(byte[] json) {
    WireEnvelope wire = bind(parse(json), WireEnvelope.class, "");
    EventType type = EventCatalog.byName(wire.eventType())
      .orElseThrow(() -> new EventDecodingException(UNKNOWN_EVENT_TYPE, "event_type",
        "Unknown event type '" + wire.eventType() + "' in field 'event_type'", null));
    ObjectNode payload = upcast(type, wire.version(), wire.payload());
    Event event = bind(payload, type.javaClass(), "payload");
    return new EventEnvelope(wire.metadata(type.version()), event);
  }

  private JsonNode parse(byte[] json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (IOException e) {
      throw new EventDecodingException(MALFORMED_JSON, null,
        "Malformed JSON: " + originalMessage(e), e);
    }
    // readTree gives a missing node for empty input and null for "null".
    if (root == null || !root.isObject()) {
      String found = root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name();
      throw new EventDecodingException(MALFORMED_JSON, null,
        "Malformed JSON: expected an object but found " + found.toLowerCase(Locale.ROOT), null);
    }
    return root;
  }

  private ObjectNode upcast(EventType type, int version, ObjectNode payload) {
    if (version > type.version()) {
      throw unsupported(type, version, "newer than the current version " + type.version());
    }
    ObjectNode current = payload;
    for (int from = version; from < type.version(); from++) {
      int step = from;
      Upcaster upcaster = upcasters.find(type.name(), step)
        .orElseThrow(() -> unsupported(type, version, "no upcaster from version " + step));
      current = upcaster.upcast(current);
    }
    return current;
  }

  private static EventDecodingException unsupported(EventType type, int version, String why) {
    return new EventDecodingException(UNSUPPORTED_VERSION, "version",
      "Unsupported " + type.name() + " version " + version + " in field 'version': " + why, null);
  }

  private <T> T bind(JsonNode node, Class<T> target, String prefix) {
    try {
      return mapper.treeToValue(node, target);
    } catch (JsonProcessingException e) {
      throw FieldErrors.invalid(prefix, node, e);
    }
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
  }
}
