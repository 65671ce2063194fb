package dev.prost.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Inventory holds stock for every line of the order until {@code expiresAt}. */
public record StockReserved(UUID orderId, List<StockLine> items, Instant expiresAt)
  implements Event {

  public StockReserved {
    items = List.copyOf(items);
  }
}
