package dev.prost.cart;

import dev.prost.platform.messaging.Topology;

/**
 * What cart publishes ({@code cart.events}) and consumes: catalog's product events for the
 * projection and users' registrations for the carts. Checkout adds orders' outcomes.
 */
public final class CartTopology {

  /** The consumer name: the cart work queues' suffix and the inbox key. */
  public static final String CONSUMER = CartConfig.SERVICE;

  public static final Topology TOPOLOGY = Topology.forService(CartConfig.SERVICE)
      .consume("catalog", "product.created", "product.updated")
      .consume("users", "user.registered")
      .build();

  private CartTopology() {}
}
