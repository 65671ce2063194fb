package dev.prost.cart.domain;

import java.util.UUID;

/** One product of the projection, at the catalog version {@code sourceVersion}. */
public record ProductView(UUID id, String name, long priceCents, String currency, boolean active,
    long sourceVersion) {
}
