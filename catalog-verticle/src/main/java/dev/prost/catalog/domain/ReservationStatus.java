package dev.prost.catalog.domain;

/**
 * A reservation's life: it starts RESERVED and moves once, to one of the final states (a
 * COMMITTED one may move on to RETURNED). Every
 * store update is conditional on RESERVED, so a late or repeated move changes nothing.
 */
public enum ReservationStatus {
  /** Stock is held for the order ({@code stock_reserved} includes it). */
  RESERVED,
  /** The order was confirmed: the units left stock for good. */
  COMMITTED,
  /** The order failed: the units went back to available stock. */
  RELEASED,
  /** Nobody confirmed or released the order in time: the sweeper gave the units back. */
  EXPIRED,
  /**
   * The order was cancelled after confirmation or returned with restock: its units went back to
   * stock, once. The one move out of a final state (COMMITTED, or RESERVED if the return overtook
   * the confirmation).
   */
  RETURNED
}
