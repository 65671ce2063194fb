package dev.prost.orders.domain;

/** Where a checkout saga stands (DESIGN.md §6); an order's status is its saga's state. */
public enum SagaState {
  PENDING,
  CART_VALIDATED,
  INVENTORY_RESERVED,
  PAYMENT_PROCESSED,
  CONFIRMED,
  COMPENSATING,
  FAILED;

  /** A terminal saga accepts no input any more; whatever arrives is recorded and ignored. */
  public boolean terminal() {
    return this == CONFIRMED || this == FAILED;
  }
}
