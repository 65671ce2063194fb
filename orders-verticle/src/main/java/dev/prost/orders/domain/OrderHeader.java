package dev.prost.orders.domain;

import java.util.UUID;

/** What the saga needs of an order to build the events it emits (lines are read on demand). */
public record OrderHeader(UUID id, UUID userId, long totalCents, String currency, String paymentToken) {}
