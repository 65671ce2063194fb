package dev.prost.platform.events;

import java.util.UUID;

/** The order ended CANCELLED: nothing is charged or held for it any more. */
public record OrderCancelled(UUID orderId, UUID userId, String reason) implements Event {
}
