package dev.prost.platform.events;

import java.util.UUID;

/** A quantity of one product held, committed or released by inventory. */
public record StockLine(UUID productId, int quantity) {
}
