package dev.prost.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * PostgreSQL text cannot hold U+0000 nor half of a surrogate pair (neither has a UTF-8 form),
 * and no field of the API has a use for them: refused here, named like a schema failure,
 * rather than met as a database error (a 500) in a handler, or downstream in a consumer of an
 * event that carried the text on.
 */
final class UnstorableText {

  private UnstorableText() {}

  /** Throws a 400 {@link ProblemException} naming the first field whose text (or member name) is unstorable. */
  static void refuse(Object json) {
    refuse(json, new ArrayDeque<>());
  }

  // the path is kept as segments and written out only for a refusal: most bodies hold none
  private static void refuse(Object value, Deque<Object> path) {
    if (value instanceof String text) {
      String problem = problemWith(text);
      if (problem != null) {
        throw ProblemException.invalidField(render(path), problem);
      }
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> member : object) {
        // a member's name is named by its object's path
        refuse(member.getKey(), path);
        path.addLast(member.getKey());
        refuse(member.getValue(), path);
        path.removeLast();
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        path.addLast(i);
        refuse(array.getValue(i), path);
        path.removeLast();
      }
    }
  }

  /** {@code items[0].note}; {@code body} for the body itself. */
  private static String render(Deque<Object> path) {
    StringBuilder field = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        field.append('[').append(index).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(segment);
      }
    }
    return field.length() == 0 ? "body" : field.toString();
  }

  private static String problemWith(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return "must not contain the NUL character";
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be well-formed Unicode (it holds half a surrogate pair)";
      }
    }
    return null;
  }
}
