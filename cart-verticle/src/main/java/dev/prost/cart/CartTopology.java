package dev.prost.cart;

import dev.prost.platform.messaging.Topology;

/**
 * What cart publishes ({@code cart.events}) and consumes: catalog's product events for the
 * projection and users' registrations for the carts, and (as a second consumer with its own
 * queue, so a backlog of catalogue updates never delays closing a checkout) orders' outcomes.
 */
public final class CartTopology {

  /** The consumer name: the cart work queues' suffix and the inbox key. */
  public static final String CONSUMER = CartConfig.SERVICE;

  /** The consumer of orders' saga outcomes. */
  public static final String CHECKOUT_CONSUMER = CartConfig.SERVICE + "-checkout";

  public static final Topology TOPOLOGY = Topology.forService(CartConfig.SERVICE)
      .consume("catalog", "product.created", "product.updated")
      .consume("users", "user.registered")
      .consumeAs(CHECKOUT_CONSUMER, "orders", "order.confirmed", "order.failed")
      .build();

  private CartTopology() {}
}
