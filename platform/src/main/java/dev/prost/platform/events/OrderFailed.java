package dev.prost.platform.events;

import java.util.UUID;

/** The checkout failed: inventory releases any reservation and the cart is reopened. */
public record OrderFailed(UUID orderId, UUID userId, String reason) implements Event {
}
