package dev.prost.catalog.domain;

import java.util.UUID;

/** A product's stock as read under its row lock: whether it sells, and how much is free to reserve. */
public record ProductStock(UUID productId, boolean active, int available) {
}
