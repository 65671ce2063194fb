package dev.prost.platform.events;

import java.util.UUID;

/** A delivered order was returned: its charge went back, and its units too if {@code restocked}. */
public record OrderRefunded(UUID orderId, UUID userId, long amountCents, String currency, boolean restocked)
  implements Event {
}
