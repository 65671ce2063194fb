package dev.prost.platform.events;

import java.util.UUID;

/** The payment provider accepted the charge. */
public record PaymentProcessed(
  UUID orderId,
  UUID paymentId,
  long amountCents,
  String currency,
  String providerReference) implements Event {
}
