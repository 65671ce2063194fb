package dev.prost.orders;

import dev.prost.platform.messaging.Topology;

/**
 * What orders publishes ({@code orders.events}) and consumes. The saga consumer takes the
 * checkouts from cart, the stock answers from catalog and the payment outcomes from orders'
 * own payment verticle; the payment verticle is a second consumer with its own queue, so a
 * slow gateway never holds up saga transitions.
 */
public final class OrdersTopology {

  /** The saga's consumer name: its work queues' suffix and its inbox key. */
  public static final String CONSUMER = OrdersConfig.SERVICE;

  /** The payment verticle's consumer name. */
  public static final String PAYMENT_CONSUMER = OrdersConfig.SERVICE + "-payment";

  public static final Topology TOPOLOGY = Topology.forService(OrdersConfig.SERVICE)
      .consume("cart", "checkout.initiated")
      .consume("catalog", "stock.reserved", "stock.reservation-failed", "stock.released", "stock.returned")
      .consume("orders", "payment.processed", "payment.failed", "payment.refunded")
      .consumeAs(PAYMENT_CONSUMER, "orders", "payment.requested", "payment.refund-requested")
      .build();

  private OrdersTopology() {}
}
