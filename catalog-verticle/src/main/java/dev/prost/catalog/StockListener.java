package dev.prost.catalog;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Told, after the commit, which products' stock a checkout or the sweeper moved (the cache listens). */
@FunctionalInterface
public interface StockListener {

  StockListener NONE = ids -> Future.succeededFuture();

  Future<Void> stockChanged(Collection<UUID> productIds);

  /**
   * Tells once about the union of the products a commit's handlers moved: {@code results} are
   * their answers, each a collection of product ids (a null or other answer names none). Nothing
   * moved, nothing told.
   */
  default Future<Void> stockChangedIn(List<Object> results) {
    Set<UUID> moved = new LinkedHashSet<>();
    for (Object result : results) {
      if (result instanceof Collection<?> ids) {
        ids.forEach(id -> moved.add((UUID) id));
      }
    }
    return moved.isEmpty() ? Future.succeededFuture() : stockChanged(moved);
  }
}
