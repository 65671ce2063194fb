package dev.prost.cart.domain;

/** ACTIVE carts take edits; CHECKING_OUT ones are frozen until the saga ends; CHECKED_OUT is history. */
public enum CartStatus {
  ACTIVE, CHECKING_OUT, CHECKED_OUT
}
