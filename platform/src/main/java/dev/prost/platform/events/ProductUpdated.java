package dev.prost.platform.events;

import java.util.UUID;

/** A product's name, price or availability changed; {@code productVersion} orders the updates. */
public record ProductUpdated(
  UUID productId,
  String name,
  long priceCents,
  String currency,
  boolean active,
  long productVersion) implements Event {
}
