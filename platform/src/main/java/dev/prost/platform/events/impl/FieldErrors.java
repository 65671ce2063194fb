package dev.prost.platform.events.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.prost.platform.events.EventDecodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Jackson binding error into an {@code INVALID_FIELD} exception naming the field as a
 * path like {@code payload.items[0].quantity}, with a reason a producer's author can act on.
 */
final class FieldErrors {

  /** One step of a path: a field name, or null for an array index. */
  private record Step(String name, int index) {
  }

  private FieldErrors() {
  }

  /**
   * @param prefix the path of {@code node} in the envelope, empty for the root
   * @param node the JSON that failed to bind, to tell a missing field from a null one
   */
  static EventDecodingException invalid(String prefix, JsonNode node, JsonProcessingException e) {
    List<Step> steps = steps(e);
    StringBuilder path = new StringBuilder(prefix);
    JsonNode value = node;
    for (Step step : steps) {
      if (step.name() != null) {
        path.append(path.length() > 0 ? "." : "").append(step.name());
        value = value.path(step.name());
      } else {
        path.append('[').append(step.index()).append(']');
        value = value.path(step.index());
      }
    }
    String field = path.toString();
    return new EventDecodingException(EventDecodingException.Kind.INVALID_FIELD, field,
      "Invalid field '" + field + "': " + reason(value, e), e);
  }

  private static String reason(JsonNode value, JsonProcessingException e) {
    if (value instanceof MissingNode) {
      return "is missing";
    }
    if (value.isNull()) {
      return "must not be null";
    }
    // Drop Jackson's advice on enabling coercion: it is for us, not for the producer.
    String message = e.getOriginalMessage();
    int advice = message.indexOf(" (but ");
    return advice > 0 ? message.substring(0, advice) : message;
  }

  private static List<Step> steps(JsonProcessingException e) {
    List<Step> steps = new ArrayList<>();
    // Binding wraps even the parser's out-of-range errors in a JsonMappingException with a path.
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null || ref.getIndex() >= 0) {
          steps.add(new Step(ref.getFieldName(), ref.getIndex()));
        }
      }
    }
    return steps;
  }
}
