package dev.prost.cart.domain;

import java.util.UUID;

/** One line of a cart, priced from the projection at the time it is read. */
public record CartLine(UUID productId, String name, int quantity, long unitPriceCents, String currency) {

  public long totalCents() {
    return unitPriceCents * quantity;
  }
}
