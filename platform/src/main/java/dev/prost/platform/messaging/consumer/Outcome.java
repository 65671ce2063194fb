package dev.prost.platform.messaging.consumer;

/**
 * What applying one event inside its transaction came to: new (with the handler's result,
 * for its after-commit step) or a duplicate the inbox skipped.
 */
record Outcome(boolean fresh, Object result) {

  static final Outcome DUPLICATE = new Outcome(false, null);

  static Outcome applied(Object result) {
    return new Outcome(true, result);
  }
}
