package dev.prost.catalog.events;

import dev.prost.catalog.StockListener;
import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.ReservationConfig;
import dev.prost.catalog.domain.OrderLines;
import dev.prost.catalog.store.InventoryReservations;
import dev.prost.catalog.store.InventoryReservations.Held;
import dev.prost.catalog.store.ProductStocks;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.service.PeriodicSweep;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back stock held past its deadline: every sweep interval it claims overdue RESERVED
 * rows (batch by batch, {@code FOR UPDATE SKIP LOCKED}, so several instances share the work
 * and never take the same row), marks them EXPIRED, lowers {@code stock_reserved} and appends
 * StockReleased per order — one transaction per batch.
 */
public final class ReservationSweeper extends PeriodicSweep {

  private static final Logger log = LoggerFactory.getLogger(ReservationSweeper.class);
  private static final int PRUNE_BATCH = 1_000;

  private final StockListener listener;
  private final Pool pool;
  private final ReservationConfig config;
  private final Outbox outbox;
  private final ProductStocks stocks = new ProductStocks();
  private final InventoryReservations reservations = new InventoryReservations();

  public ReservationSweeper(Pool pool, ReservationConfig config, Outbox outbox) {
    this(pool, config, outbox, StockListener.NONE);
  }

  public ReservationSweeper(Pool pool, ReservationConfig config, Outbox outbox, StockListener listener) {
    super(config.sweepInterval());
    this.listener = listener;
    this.pool = pool;
    this.config = config;
    this.outbox = outbox;
  }

  /**
   * Sweeps until no overdue row is left (or another sweeper holds it), then forgets failed
   * orders past their retention; answers the reservation rows expired.
   */
  @Override
  public Future<Integer> sweep() {
    return sweepFrom(0)
        .onSuccess(n -> {
          if (n > 0) {
            log.info("expired {} overdue reservation rows", n);
          }
        })
        .compose(n -> pruneFailedFrom(0).map(n))
        .onFailure(e -> log.warn("reservation sweep failed, next interval retries: {}", e.getMessage()));
  }

  /** Deletes failed-order records past their retention, a batch at a time; answers how many. */
  private Future<Integer> pruneFailedFrom(int total) {
    return reservations.pruneFailed(pool, config.failedOrderRetention(), PRUNE_BATCH).compose(n -> n < PRUNE_BATCH
        ? Future.succeededFuture(total + n)
        : pruneFailedFrom(total + n));
  }

  private Future<Integer> sweepFrom(int total) {
    return sweepBatch().compose(n -> n < config.sweepBatchSize()
        ? Future.succeededFuture(total + n)
        : sweepFrom(total + n));
  }

  /** One batch in one transaction; answers the rows expired. */
  public Future<Integer> sweepBatch() {
    return pool.withTransaction(conn -> reservations.claimExpired(conn, config.sweepBatchSize())
        .compose(claimed -> claimed.isEmpty()
            ? Future.succeededFuture(List.<Held>of())
            // rows first (claimed), then products in id order: the lock order of the consumer
            : reservations.markExpired(conn, claimed)
                .compose(v -> stocks.release(conn, OrderLines.sumByProduct(lines(claimed))))
                .compose(v -> outbox.appendAll(conn, releasedPerOrder(claimed)))
                .map(v -> claimed)))
        .compose(claimed -> listener.stockChanged(claimed.stream().map(held -> held.line().productId()).distinct()
                .toList())
            .map(v -> claimed.size()));
  }

  private static List<StockLine> lines(List<Held> claimed) {
    return claimed.stream().map(Held::line).toList();
  }

  /**
   * One StockReleased per order, correlated by the order id (the checkout's id). A batch that
   * ends in the middle of an order leaves its other rows to the next batch, which announces
   * them in a StockReleased of their own: each row is announced exactly once.
   */
  private static List<EventEnvelope> releasedPerOrder(List<Held> claimed) {
    Map<UUID, List<StockLine>> byOrder = new LinkedHashMap<>();
    for (Held held : claimed) {
      byOrder.computeIfAbsent(held.orderId(), id -> new ArrayList<>()).add(held.line());
    }
    List<EventEnvelope> events = new ArrayList<>(byOrder.size());
    byOrder.forEach((order, items) ->
        events.add(EventEnvelope.first(CatalogConfig.SERVICE, order, new StockReleased(order, items))));
    return events;
  }
}
