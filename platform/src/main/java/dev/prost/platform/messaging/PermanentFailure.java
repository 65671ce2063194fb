package dev.prost.platform.messaging;

import dev.prost.platform.failure.ClassifiedFailure;
import dev.prost.platform.failure.FailureClassifier;

/**
 * A handler's verdict that retrying cannot help (a broken business rule, impossible
 * data): the message goes to the dead-letter queue at once, with this message as reason.
 */
public final class PermanentFailure extends RuntimeException implements ClassifiedFailure {
  public PermanentFailure(String message) {
    super(message);
  }

  @Override
  public FailureClassifier.Kind kind() {
    return FailureClassifier.Kind.PERMANENT;
  }
}
