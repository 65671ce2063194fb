package dev.prost.platform.events;

import java.util.UUID;

/** The payment provider returned the order's charge; {@code amountCents} is what went back. */
public record PaymentRefunded(UUID orderId, long amountCents, String currency, String providerReference)
  implements Event {
}
