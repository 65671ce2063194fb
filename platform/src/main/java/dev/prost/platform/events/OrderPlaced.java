package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/** The orders service accepted a checkout; inventory reserves stock for these lines. */
public record OrderPlaced(
  UUID orderId,
  UUID userId,
  List<PricedLine> items,
  long totalCents,
  String currency) implements Event {

  public OrderPlaced {
    items = List.copyOf(items);
  }
}
