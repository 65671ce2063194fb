package dev.prost.platform.events;

import java.util.UUID;

/** The shop handed the order to a carrier. */
public record OrderShipped(UUID orderId, UUID userId, String carrier, String trackingNumber) implements Event {
}
