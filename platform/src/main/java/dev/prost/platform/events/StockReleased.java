package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/** Inventory gave back the stock held for a failed order, completing the compensation. */
public record StockReleased(UUID orderId, List<StockLine> items) implements Event {

  public StockReleased {
    items = List.copyOf(items);
  }
}
