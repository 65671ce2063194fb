package dev.prost.platform.events;

import java.util.UUID;

/** An order line with its unit price captured at checkout, so later price changes leave it be. */
public record PricedLine(UUID productId, int quantity, long unitPriceCents) {
}
