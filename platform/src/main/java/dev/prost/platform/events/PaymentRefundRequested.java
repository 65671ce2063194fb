package dev.prost.platform.events;

import java.util.UUID;

/** The order's charge is to go back (a cancellation after confirmation, or a return). */
public record PaymentRefundRequested(UUID orderId, long amountCents, String currency) implements Event {
}
