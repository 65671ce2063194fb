package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/**
 * The order's sold units are to go back to stock (a cancellation after confirmation, or a
 * return with restock). Inventory returns what it sold for the order, once, whatever the lines say.
 */
public record StockReturnRequested(UUID orderId, List<StockLine> items) implements Event {

  public StockReturnRequested {
    items = List.copyOf(items);
  }
}
