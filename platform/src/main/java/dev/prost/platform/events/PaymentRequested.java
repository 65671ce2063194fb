package dev.prost.platform.events;

import java.util.UUID;

/** The checkout saga asks the payment verticle to charge the order's total. */
public record PaymentRequested(
  UUID orderId,
  UUID userId,
  long amountCents,
  String currency,
  String paymentToken) implements Event {
}
