package dev.prost.cart.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's open cart as the API shows it. An empty cart has total 0 and currency null: it
 * has no price yet, and inventing a default currency would suggest one.
 */
public record Cart(UUID id, CartStatus status, List<CartLine> lines) {

  public static final int MAX_QUANTITY = 99;

  public Cart {
    lines = List.copyOf(lines);
  }

  public Optional<CartLine> line(UUID productId) {
    return lines.stream().filter(l -> l.productId().equals(productId)).findFirst();
  }

  /** The currency of the lines; adding a product refuses a second one, so there is at most one. */
  public String currency() {
    return lines.isEmpty() ? null : lines.get(0).currency();
  }

  public long totalCents() {
    return lines.stream().mapToLong(CartLine::totalCents).sum();
  }
}
