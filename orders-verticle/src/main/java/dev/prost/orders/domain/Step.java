package dev.prost.orders.domain;

import java.util.List;

/**
 * The answer of {@link SagaTable} for one (state, input) pair: a transition, or an input
 * that is recorded and otherwise ignored.
 */
public sealed interface Step {

  /**
   * The saga moves through {@code path} (usually one state; PAYMENT_PROCESSED passes straight
   * on to CONFIRMED) and asks for {@code commands}, in order.
   */
  record Transition(List<SagaState> path, List<SagaCommand> commands) implements Step {
    public Transition {
      path = List.copyOf(path);
      commands = List.copyOf(commands);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a transition goes somewhere");
      }
    }

    public SagaState target() {
      return path.get(path.size() - 1);
    }
  }

  /** Late, repeated or out-of-order: the saga has moved on; recorded, never an error. */
  record Ignore(String why) implements Step {}
}
