package dev.prost.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem detail: what every Prost error response body is
 * ({@code application/problem+json}). {@code type} is a stable URI a client can switch on;
 * {@code errors} names the offending fields of a bad request.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

  public static final String BASE = "https://prost.dev/problems/";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** One offending field of a request, as a JSON path such as {@code items[0].quantity}. */
  public record FieldError(String field, String message) {}

  public static Problem of(String type, String title, int status, String detail) {
    return new Problem(BASE + type, title, status, detail, List.of());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type)
        .put("title", title)
        .put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      json.put("errors", list);
    }
    return json;
  }
}
