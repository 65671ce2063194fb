package dev.prost.orders.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order's saga stands (DESIGN.md §6): the checkout, then the order's life after it. An
 * order's status is its saga's state.
 */
public enum SagaState {
  PENDING,
  CART_VALIDATED,
  INVENTORY_RESERVED,
  PAYMENT_PROCESSED,
  CONFIRMED,
  COMPENSATING,
  FAILED,
  /** The customer cancelled a running checkout: compensation as for a failure, ending CANCELLED. */
  CANCELLING_CHECKOUT,
  /** Cancelled after confirmation: the refund is requested, the units go back once it is done. */
  CANCELLING,
  /** Cancelled after confirmation, refunded: the units are on their way back to stock. */
  CANCELLING_RESTOCK,
  CANCELLED,
  SHIPPED,
  DELIVERED,
  /** A return without restock: the refund is requested. */
  REFUNDING,
  /** A return with restock: the refund is requested, the units go back once it is done. */
  REFUNDING_RESTOCK,
  /** A return with restock, refunded: the units are on their way back to stock. */
  RESTOCKING,
  REFUNDED;

  private static final Set<SagaState> AT_REST = EnumSet.of(CONFIRMED, FAILED, CANCELLED, SHIPPED, DELIVERED,
      REFUNDED);
  private static final Set<SagaState> TERMINAL = EnumSet.of(FAILED, CANCELLED, REFUNDED);

  /** A terminal saga accepts no input any more; whatever arrives is recorded and ignored. */
  public boolean terminal() {
    return TERMINAL.contains(this);
  }

  /**
   * Nothing is in flight: the saga waits for no answer and has no deadline (a CONFIRMED order
   * may still be cancelled or shipped, but only on request).
   */
  public boolean atRest() {
    return AT_REST.contains(this);
  }

  /** The states a saga rests in, by name, for queries. */
  public static Set<SagaState> restingStates() {
    return EnumSet.copyOf(AT_REST);
  }
}
