package dev.prost.catalog;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.UUID;

/** Told, after the commit, which products' stock a checkout or the sweeper moved (the cache listens). */
@FunctionalInterface
public interface StockListener {

  StockListener NONE = ids -> Future.succeededFuture();

  Future<Void> stockChanged(Collection<UUID> productIds);
}
