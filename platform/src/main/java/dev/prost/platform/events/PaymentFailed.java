package dev.prost.platform.events;

import java.util.UUID;

/** The payment provider declined or could not process the charge. */
public record PaymentFailed(UUID orderId, String reason) implements Event {
}
