package dev.prost.orders.saga;

import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.messaging.PermanentFailure;
import java.util.regex.Pattern;

/**
 * What a checkout must satisfy to become an order. Cart checked all of it already; orders
 * checks again because it charges money on what the event says, and a refused checkout
 * becomes a FAILED order the cart hears about, never a stuck one.
 */
final class CheckoutRules {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private CheckoutRules() {}

  /**
   * Null if the checkout can become an order, else why not (the order is recorded FAILED
   * with that reason).
   *
   * @throws PermanentFailure if the event cannot even be recorded as an order: it goes to the DLQ
   */
  static String problem(CartCheckoutInitiated checkout) {
    if (checkout.currency() == null || !CURRENCY.matcher(checkout.currency()).matches()) {
      throw new PermanentFailure("currency '" + checkout.currency() + "' is not an ISO 4217 code");
    }
    if (checkout.paymentToken() == null || checkout.paymentToken().isBlank()) {
      throw new PermanentFailure("checkout has no payment token");
    }
    if (checkout.userId() == null || checkout.cartId() == null || checkout.items() == null) {
      throw new PermanentFailure("checkout lacks its user, cart or lines");
    }
    if (checkout.items().isEmpty()) {
      return "checkout has no lines";
    }
    long sum = 0;
    for (PricedLine line : checkout.items()) {
      if (line.quantity() <= 0 || line.unitPriceCents() < 0) {
        return "line of product " + line.productId() + " has quantity " + line.quantity() + " and unit price "
            + line.unitPriceCents();
      }
      sum = Math.addExact(sum, Math.multiplyExact(line.unitPriceCents(), line.quantity()));
    }
    if (sum != checkout.totalCents()) {
      return "total " + checkout.totalCents() + " is not the sum of the lines (" + sum + ")";
    }
    return null;
  }
}
