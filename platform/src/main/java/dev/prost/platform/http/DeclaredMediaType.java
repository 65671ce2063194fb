package dev.prost.platform.http;

import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.RequestBody;
import java.util.Map;

/**
 * The media type of an operation's body that a request's Content-Type chooses, by the rules of
 * vertx-openapi's {@code RequestBody.determineContentType}: white space removed, an exact match,
 * else the first declared type the Content-Type starts with. That method strips white space with
 * {@code String.replaceAll}, compiling a regular expression on every call (once more per declared
 * type when there is no exact match); this is the same answer without it.
 */
final class DeclaredMediaType {

  private DeclaredMediaType() {}

  /** The declared media type, or null when the Content-Type is absent or chooses none. */
  static MediaType of(RequestBody spec, String contentType) {
    if (contentType == null) {
      return null;
    }
    String condensed = withoutWhiteSpace(contentType);
    Map<String, MediaType> declared = spec.getContent();
    MediaType exact = declared.get(condensed);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, MediaType> type : declared.entrySet()) {
      if (condensed.startsWith(withoutWhiteSpace(type.getKey()))) {
        return type.getValue();
      }
    }
    return null;
  }

  /** What {@code replaceAll("\\s+", "")} answers: without space, \t, \n, \x0B, \f and \r. */
  static String withoutWhiteSpace(String text) {
    StringBuilder kept = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r';
      if (space && kept == null) {
        kept = new StringBuilder(text.length()).append(text, 0, i);
      } else if (!space && kept != null) {
        kept.append(c);
      }
    }
    return kept == null ? text : kept.toString();
  }
}
