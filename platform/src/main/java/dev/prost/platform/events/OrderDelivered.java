package dev.prost.platform.events;

import java.util.UUID;

/** The carrier delivered the order. */
public record OrderDelivered(UUID orderId, UUID userId) implements Event {
}
