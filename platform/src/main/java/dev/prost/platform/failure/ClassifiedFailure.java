package dev.prost.platform.failure;

/**
 * A failure that states its own kind, such as a handler's explicit verdict. The classifier
 * believes it before any other rule, wherever it sits in the cause chain.
 */
public interface ClassifiedFailure {

  FailureClassifier.Kind kind();
}
