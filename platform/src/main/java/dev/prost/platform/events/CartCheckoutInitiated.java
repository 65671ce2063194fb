package dev.prost.platform.events;

import java.util.List;
import java.util.UUID;

/**
 * A user checked out a cart: the lines with their price snapshot and a reference to the payment
 * token. The order id is allocated here and doubles as the checkout's correlation id.
 */
public record CartCheckoutInitiated(
  UUID orderId,
  UUID cartId,
  UUID userId,
  List<PricedLine> items,
  long totalCents,
  String currency,
  String paymentToken) implements Event {

  public CartCheckoutInitiated {
    items = List.copyOf(items);
  }
}
