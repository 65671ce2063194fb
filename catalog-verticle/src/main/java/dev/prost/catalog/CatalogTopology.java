package dev.prost.catalog;

import dev.prost.platform.messaging.Topology;

/** What catalog publishes ({@code catalog.events}) and consumes: the orders events that move stock. */
public final class CatalogTopology {

  /** The consumer name: the catalog work queue's suffix and the inbox key. */
  public static final String CONSUMER = CatalogConfig.SERVICE;

  public static final Topology TOPOLOGY = Topology.forService(CatalogConfig.SERVICE)
      .consume("orders", "order.placed", "order.confirmed", "order.failed", "order.stock-return-requested")
      .build();

  private CatalogTopology() {}
}
