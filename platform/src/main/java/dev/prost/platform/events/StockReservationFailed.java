package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/** Inventory could not reserve the order: which lines were short and why. Nothing is held. */
public record StockReservationFailed(UUID orderId, List<ShortLine> shortLines, String reason)
  implements Event {

  public StockReservationFailed {
    shortLines = List.copyOf(shortLines);
  }
}
