package dev.prost.platform.events;

/**
 * A message could not be turned into an {@link EventEnvelope}. The {@link #kind()} tells a
 * consumer what went wrong without parsing the message, e.g. to count dead-lettered messages by
 * cause; none of the kinds will succeed on redelivery.
 */
public final class EventDecodingException extends RuntimeException {

  /** The class of bad input. */
  public enum Kind {
    /** Not JSON, empty, or JSON that is not an object. */
    MALFORMED_JSON,
    /** An {@code event_type} this build does not know. */
    UNKNOWN_EVENT_TYPE,
    /** A version newer than the current one, or an old one with no upcaster path. */
    UNSUPPORTED_VERSION,
    /** A field is missing, null where required, or of the wrong type or format. */
    INVALID_FIELD
  }

  private final Kind kind;
  private final String field;

  public EventDecodingException(Kind kind, String field, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The offending field as a JSON path from the envelope root, such as {@code event_id} or
   * {@code payload.items[0].quantity}; null for {@link Kind#MALFORMED_JSON}, which has none.
   */
  public String field() {
    return field;
  }
}
