package dev.prost.platform.messaging;

import dev.prost.platform.failure.ClassifiedFailure;
import dev.prost.platform.failure.FailureClassifier;

/** A handler's verdict that the same message may succeed later: it is retried with backoff. */
public final class TransientFailure extends RuntimeException implements ClassifiedFailure {
  public TransientFailure(String message) {
    super(message);
  }

  public TransientFailure(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public FailureClassifier.Kind kind() {
    return FailureClassifier.Kind.TRANSIENT;
  }
}
