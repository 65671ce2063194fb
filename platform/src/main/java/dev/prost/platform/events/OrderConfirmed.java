package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/** Stock and payment both succeeded: inventory commits the reservation, the cart is emptied. */
public record OrderConfirmed(UUID orderId, UUID userId, List<StockLine> items) implements Event {

  public OrderConfirmed {
    items = List.copyOf(items);
  }
}
