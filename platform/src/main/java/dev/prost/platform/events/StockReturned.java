package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/** Inventory put the order's units back on hand; empty items if it had done so before. */
public record StockReturned(UUID orderId, List<StockLine> items) implements Event {

  public StockReturned {
    items = List.copyOf(items);
  }
}
