package dev.prost.catalog.store;

import dev.prost.catalog.domain.ProductStock;
import dev.prost.platform.events.StockLine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stock columns of {@code products}. Every change first locks the rows it touches in
 * product-id order, the one order all of catalog uses, so two transactions wanting the same
 * products in opposite line orders queue up instead of deadlocking. The CHECK constraint on
 * {@code products} stays the last guard: no statement here can push stock out of bounds.
 */
public final class ProductStocks {

  private static final String LOCK = """
      SELECT id, active, stock_on_hand - stock_reserved AS available
      FROM products WHERE id = ANY($1) ORDER BY id FOR UPDATE""";
  // conditional: a line that no longer fits is simply not updated, and the caller sees the count
  private static final String RESERVE = """
      UPDATE products p
      SET stock_reserved = p.stock_reserved + r.q, version = p.version + 1, updated_at = now()
      FROM unnest($1::uuid[], $2::int[]) AS r(id, q)
      WHERE p.id = r.id AND p.active AND p.stock_on_hand - p.stock_reserved >= r.q""";
  private static final String COMMIT = """
      UPDATE products p
      SET stock_on_hand = p.stock_on_hand - r.q, stock_reserved = p.stock_reserved - r.q,
          version = p.version + 1, updated_at = now()
      FROM unnest($1::uuid[], $2::int[]) AS r(id, q)
      WHERE p.id = r.id""";
  private static final String RELEASE = """
      UPDATE products p
      SET stock_reserved = p.stock_reserved - r.q, version = p.version + 1, updated_at = now()
      FROM unnest($1::uuid[], $2::int[]) AS r(id, q)
      WHERE p.id = r.id""";

  private static final String RETURN = """
      UPDATE products p
      SET stock_on_hand = p.stock_on_hand + r.q, version = p.version + 1, updated_at = now()
      FROM unnest($1::uuid[], $2::int[]) AS r(id, q)
      WHERE p.id = r.id""";

  /** Locks the products that exist among {@code ids}, in id order; answers their stock by id. */
  public Future<Map<UUID, ProductStock>> lock(SqlConnection conn, Collection<UUID> ids) {
    return conn.preparedQuery(LOCK)
        .execute(Tuple.tuple().addValue(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, ProductStock> stock = new HashMap<>();
          for (Row row : rows) {
            UUID id = row.getUUID("id");
            stock.put(id, new ProductStock(id, row.getBoolean("active"), row.getInteger("available")));
          }
          return stock;
        });
  }

  /**
   * Adds the lines to {@code stock_reserved} where each still fits; answers how many lines
   * were reserved. Call {@link #lock} first: under the lock, a checked order fits entirely.
   */
  public Future<Integer> reserve(SqlConnection conn, List<StockLine> lines) {
    return conn.preparedQuery(RESERVE).execute(arrays(lines)).map(rows -> rows.rowCount());
  }

  /** Turns held units into sold ones: they leave both on-hand and reserved stock. */
  public Future<Void> commit(SqlConnection conn, List<StockLine> lines) {
    return change(conn, COMMIT, lines);
  }

  /** Gives held units back to available stock. */
  public Future<Void> release(SqlConnection conn, List<StockLine> lines) {
    return change(conn, RELEASE, lines);
  }

  /** Puts sold units back on hand: a cancelled or returned order's stock. */
  public Future<Void> returnSold(SqlConnection conn, List<StockLine> lines) {
    return change(conn, RETURN, lines);
  }

  private Future<Void> change(SqlConnection conn, String sql, List<StockLine> lines) {
    if (lines.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> ids = lines.stream().map(StockLine::productId).toList();
    return lock(conn, ids)
        .compose(locked -> conn.preparedQuery(sql).execute(arrays(lines)))
        .mapEmpty();
  }

  static Tuple arrays(List<StockLine> lines) {
    return Tuple.tuple()
        .addValue(lines.stream().map(StockLine::productId).toArray(UUID[]::new))
        .addValue(lines.stream().map(StockLine::quantity).toArray(Integer[]::new));
  }
}
