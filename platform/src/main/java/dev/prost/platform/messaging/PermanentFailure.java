package dev.prost.platform.messaging;

/**
 * A handler's verdict that retrying cannot help (a broken business rule, impossible
 * data): the message goes to the dead-letter queue at once, with this message as reason.
 */
public final class PermanentFailure extends RuntimeException {
  public PermanentFailure(String message) {
    super(message);
  }
}
