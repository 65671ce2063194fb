package dev.prost.orders.domain;

import static dev.prost.orders.domain.SagaState.CANCELLED;
import static dev.prost.orders.domain.SagaState.CANCELLING;
import static dev.prost.orders.domain.SagaState.CANCELLING_CHECKOUT;
import static dev.prost.orders.domain.SagaState.CANCELLING_RESTOCK;
import static dev.prost.orders.domain.SagaState.DELIVERED;
import static dev.prost.orders.domain.SagaState.REFUNDED;
import static dev.prost.orders.domain.SagaState.REFUNDING;
import static dev.prost.orders.domain.SagaState.REFUNDING_RESTOCK;
import static dev.prost.orders.domain.SagaState.RESTOCKING;
import static dev.prost.orders.domain.SagaState.SHIPPED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a request on the API (cancel, ship, deliver, refund) means in a given state: a step of
 * the saga, a repeat of one already taken (answered with the order as it stands), or a
 * conflict (409). Pure, like {@link SagaTable}, which decides the steps.
 */
public final class Requests {

  /** How the API answers a request. */
  public enum Decision { APPLY, ALREADY_DONE, CONFLICT }

  private static final Set<SagaState> REFUND_STARTED = EnumSet.of(REFUNDING, REFUNDING_RESTOCK, RESTOCKING, REFUNDED);

  // the states in which the request was taken before (or a later step already happened)
  private static final Map<SagaInput, Set<SagaState>> DONE = Map.of(
      SagaInput.CANCEL_REQUESTED, EnumSet.of(CANCELLING_CHECKOUT, CANCELLING, CANCELLING_RESTOCK, CANCELLED),
      SagaInput.SHIP_REQUESTED, union(EnumSet.of(SHIPPED, DELIVERED), REFUND_STARTED),
      SagaInput.DELIVERY_CONFIRMED, union(EnumSet.of(DELIVERED), REFUND_STARTED),
      SagaInput.REFUND_REQUESTED, REFUND_STARTED,
      SagaInput.RESTOCK_REFUND_REQUESTED, REFUND_STARTED);

  private Requests() {}

  /** The decision for a request {@code input} on an order in {@code state}. */
  public static Decision decide(SagaState state, SagaInput input) {
    Set<SagaState> done = DONE.get(input);
    if (done == null) {
      throw new IllegalArgumentException(input + " is not a request");
    }
    if (SagaTable.next(state, input) instanceof Step.Transition) {
      return Decision.APPLY;
    }
    return done.contains(state) ? Decision.ALREADY_DONE : Decision.CONFLICT;
  }

  private static Set<SagaState> union(Set<SagaState> a, Set<SagaState> b) {
    Set<SagaState> all = EnumSet.copyOf(a);
    all.addAll(b);
    return all;
  }
}
