package dev.prost.catalog.store;

import dev.prost.catalog.domain.ReservationStatus;
import dev.prost.platform.events.StockLine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code inventory_reservations} rows: one per (order, product). Rows are only ever moved
 * out of RESERVED by conditional updates, so finishing an already-final reservation is a no-op
 * and the row lock taken by the update decides between a consumer and a sweeper racing for it.
 */
public final class InventoryReservations {

  /** What a return did: lines sold that went back on hand, lines still held that were released. */
  public record Returned(List<StockLine> onHand, List<StockLine> released) {
    public List<StockLine> all() {
      List<StockLine> all = new ArrayList<>(onHand);
      all.addAll(released);
      return all;
    }
  }

  /** One held line of one order, as claimed by the sweeper. */
  public record Held(UUID orderId, StockLine line) {}

  // held until the transaction ends; the key is the order id folded to 64 bits
  private static final String LOCK_ORDER = "SELECT pg_advisory_xact_lock($1)";
  // one statement for a commit group's orders: keys sorted, so two groups queue instead of deadlocking
  private static final String LOCK_ORDERS = """
      SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT k FROM unnest($1::bigint[]) AS k ORDER BY k) sorted""";
  private static final String LOCK_ROWS = """
      SELECT product_id FROM inventory_reservations WHERE order_id = ANY($1)
      ORDER BY order_id, product_id FOR UPDATE""";
  private static final String MARK_FAILED = "INSERT INTO failed_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING";
  private static final String FAILED = "SELECT 1 FROM failed_orders WHERE order_id = $1";
  private static final String PRUNE_FAILED = """
      DELETE FROM failed_orders WHERE order_id IN (
        SELECT order_id FROM failed_orders WHERE failed_at < now() - make_interval(secs => $1)
        ORDER BY failed_at LIMIT $2)""";
  private static final String EXISTS = "SELECT 1 FROM inventory_reservations WHERE order_id = $1 LIMIT 1";
  private static final String INSERT = """
      INSERT INTO inventory_reservations (order_id, product_id, quantity, status, expires_at)
      SELECT $1, r.id, r.q, 'RESERVED', now() + make_interval(secs => $4)
      FROM unnest($2::uuid[], $3::int[]) AS r(id, q)
      ON CONFLICT (order_id, product_id) DO NOTHING
      RETURNING expires_at""";
  private static final String FINISH = """
      UPDATE inventory_reservations SET status = $2, updated_at = now()
      WHERE order_id = $1 AND status = 'RESERVED'
      RETURNING product_id, quantity""";
  // conditional on the old status, under the row locks: a second return finds nothing to move
  private static final String RETURN = """
      WITH old AS (
        SELECT order_id, product_id, status FROM inventory_reservations
        WHERE order_id = $1 AND status IN ('COMMITTED', 'RESERVED') FOR UPDATE)
      UPDATE inventory_reservations r
      SET status = 'RETURNED', updated_at = now(),
          returned_on_hand = CASE WHEN old.status = 'COMMITTED' THEN r.quantity ELSE 0 END
      FROM old WHERE r.order_id = old.order_id AND r.product_id = old.product_id
      RETURNING r.product_id, r.quantity, old.status AS was""";
  // SKIP LOCKED: a second sweeper takes the next rows instead of waiting for (or repeating) these
  private static final String CLAIM_EXPIRED = """
      SELECT order_id, product_id, quantity FROM inventory_reservations
      WHERE status = 'RESERVED' AND expires_at < now()
      ORDER BY expires_at, order_id
      LIMIT $1
      FOR UPDATE SKIP LOCKED""";
  private static final String MARK_EXPIRED = """
      UPDATE inventory_reservations r SET status = 'EXPIRED', updated_at = now()
      FROM unnest($1::uuid[], $2::uuid[]) AS c(order_id, product_id)
      WHERE r.order_id = c.order_id AND r.product_id = c.product_id AND r.status = 'RESERVED'""";

  /**
   * Makes every other transaction handling this order's stock wait until this one ends, so that
   * an OrderPlaced and an OrderFailed of one order applied at once (two instances, or two commit
   * groups) see each other's effects: taken first, before the order's rows and the products.
   */
  public Future<Void> lockOrder(SqlConnection conn, UUID orderId) {
    return conn.preparedQuery(LOCK_ORDER).execute(Tuple.of(key(orderId))).mapEmpty();
  }

  /**
   * {@link #lockOrder} for every order of a commit group, in key order, then the orders'
   * reservation rows in (order, product) order; answers the products those rows name. The
   * first two steps of the lock order, taken for a whole group at once.
   */
  public Future<Set<UUID>> lockOrders(SqlConnection conn, Collection<UUID> orderIds) {
    Long[] keys = orderIds.stream().map(InventoryReservations::key).toArray(Long[]::new);
    UUID[] ids = orderIds.toArray(new UUID[0]);
    return conn.preparedQuery(LOCK_ORDERS).execute(Tuple.of((Object) keys))
        .compose(locked -> conn.preparedQuery(LOCK_ROWS).execute(Tuple.of((Object) ids)))
        .map(rows -> {
          Set<UUID> products = new HashSet<>();
          rows.forEach(row -> products.add(row.getUUID("product_id")));
          return products;
        });
  }

  private static long key(UUID orderId) {
    return orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits();
  }

  /** Remembers that the order failed, so that an OrderPlaced arriving later reserves nothing. */
  public Future<Void> markFailed(SqlConnection conn, UUID orderId) {
    return conn.preparedQuery(MARK_FAILED).execute(Tuple.of(orderId)).mapEmpty();
  }

  /** Forgets up to {@code limit} failed orders recorded more than {@code retention} ago; answers how many. */
  public Future<Integer> pruneFailed(SqlClient client, Duration retention, int limit) {
    return client.preparedQuery(PRUNE_FAILED).execute(Tuple.of((double) retention.toSeconds(), limit))
        .map(SqlResult::rowCount);
  }

  /** Whether the order's OrderFailed has been applied. */
  public Future<Boolean> failed(SqlConnection conn, UUID orderId) {
    return conn.preparedQuery(FAILED).execute(Tuple.of(orderId)).map(rows -> rows.size() > 0);
  }

  /** Whether the order ever had stock reserved (rows are kept after they are finished). */
  public Future<Boolean> exists(SqlConnection conn, UUID orderId) {
    return conn.preparedQuery(EXISTS).execute(Tuple.of(orderId)).map(rows -> rows.size() > 0);
  }

  /** Inserts RESERVED rows expiring {@code ttl} from now (database clock); answers the deadline. */
  public Future<Instant> insert(SqlConnection conn, UUID orderId, List<StockLine> lines, Duration ttl) {
    Tuple params = ProductStocks.arrays(lines);
    Tuple args = Tuple.of(orderId, params.getValue(0), params.getValue(1), ttl.toMillis() / 1000.0);
    return conn.preparedQuery(INSERT).execute(args).map(rows -> {
      if (rows.rowCount() != lines.size()) {
        // exists() ran under the product locks, so a conflict here means a caller skipped it
        throw new IllegalStateException("order " + orderId + " already had reservation rows");
      }
      // the wire keeps milliseconds; round up so the event never promises less than the row holds
      Instant exact = rows.iterator().next().getOffsetDateTime("expires_at").toInstant();
      Instant millis = exact.truncatedTo(ChronoUnit.MILLIS);
      return millis.equals(exact) ? millis : millis.plusMillis(1);
    });
  }

  /**
   * Moves the order's RESERVED rows to {@code status} (a final one); answers the lines moved,
   * empty if there were none or they were final already.
   */
  public Future<List<StockLine>> finish(SqlConnection conn, UUID orderId, ReservationStatus status) {
    return conn.preparedQuery(FINISH).execute(Tuple.of(orderId, status.name())).map(rows -> {
      List<StockLine> lines = new ArrayList<>();
      for (Row row : rows) {
        lines.add(new StockLine(row.getUUID("product_id"), row.getInteger("quantity")));
      }
      return lines;
    });
  }

  /**
   * Moves the order's sold (and any still held) rows to RETURNED, once; answers what moved,
   * empty if they had been returned before or the order never had stock.
   */
  public Future<Returned> returnStock(SqlConnection conn, UUID orderId) {
    return conn.preparedQuery(RETURN).execute(Tuple.of(orderId)).map(rows -> {
      List<StockLine> onHand = new ArrayList<>();
      List<StockLine> released = new ArrayList<>();
      for (Row row : rows) {
        StockLine line = new StockLine(row.getUUID("product_id"), row.getInteger("quantity"));
        ("COMMITTED".equals(row.getString("was")) ? onHand : released).add(line);
      }
      return new Returned(onHand, released);
    });
  }

  /** Locks up to {@code limit} overdue RESERVED rows that no other transaction holds. */
  public Future<List<Held>> claimExpired(SqlConnection conn, int limit) {
    return conn.preparedQuery(CLAIM_EXPIRED).execute(Tuple.of(limit)).map(rows -> {
      List<Held> held = new ArrayList<>();
      for (Row row : rows) {
        held.add(new Held(row.getUUID("order_id"),
            new StockLine(row.getUUID("product_id"), row.getInteger("quantity"))));
      }
      return held;
    });
  }

  /** Marks claimed rows EXPIRED. */
  public Future<Void> markExpired(SqlConnection conn, List<Held> claimed) {
    Tuple args = Tuple.tuple()
        .addValue(claimed.stream().map(Held::orderId).toArray(UUID[]::new))
        .addValue(claimed.stream().map(h -> h.line().productId()).toArray(UUID[]::new));
    return conn.preparedQuery(MARK_EXPIRED).execute(args).map(rows -> {
      if (rows.rowCount() != claimed.size()) {
        throw new IllegalStateException("expired " + rows.rowCount() + " of " + claimed.size() + " claimed rows");
      }
      return null;
    });
  }
}
