package dev.prost.platform.messaging;

/** A handler's verdict that the same message may succeed later: it is retried with backoff. */
public final class TransientFailure extends RuntimeException {
  public TransientFailure(String message) {
    super(message);
  }

  public TransientFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
