package dev.prost.catalog.events;

import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.ReservationConfig;
import dev.prost.catalog.StockListener;
import dev.prost.catalog.domain.OrderLines;
import dev.prost.catalog.domain.ReservationStatus;
import dev.prost.catalog.domain.StockCheck;
import dev.prost.catalog.store.InventoryReservations;
import dev.prost.catalog.store.ProductStocks;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.OrderPlaced;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReservationFailed;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.events.StockReturnRequested;
import dev.prost.platform.events.StockReturned;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.messaging.PermanentFailure;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catalog's side of the checkout saga: orders events in, stock moved and the answer in the
 * outbox, all on the consumer's connection so they commit with the inbox row. The store keeps
 * one lock order (the order's own lock, its reservation rows, then products by id) in every path,
 * the sweeper included, so lone events never deadlock with each other; a commit group takes the
 * union of its events' locks first, in that order ({@link #lockGroup}).
 */
public final class ReservationHandlers {

  private static final Logger log = LoggerFactory.getLogger(ReservationHandlers.class);
  private static final String SERVICE = CatalogConfig.SERVICE;

  private final ReservationConfig config;
  private final Outbox outbox;
  private final ProductStocks stocks = new ProductStocks();
  private final InventoryReservations reservations = new InventoryReservations();

  private ReservationHandlers(ReservationConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
  }

  /**
   * The catalog consumer's table: OrderPlaced reserves, OrderConfirmed sells, OrderFailed
   * releases, StockReturnRequested puts sold units back.
   */
  public static EventHandlers create(ReservationConfig config, Outbox outbox) {
    return create(config, outbox, StockListener.NONE);
  }

  /**
   * The same, telling {@code listener} once after each commit which products' stock moved: each
   * handler answers the products it moved, and the table's group step passes on their union,
   * so a commit of many events costs the listener one call (one cache invalidation), not one each.
   */
  public static EventHandlers create(ReservationConfig config, Outbox outbox, StockListener listener) {
    ReservationHandlers handlers = new ReservationHandlers(config, outbox);
    EventHandlers.AfterCommit<Event, List<UUID>> nothing = (envelope, event, moved) -> Future.succeededFuture();
    return EventHandlers.builder()
        .on(OrderPlaced.class, handlers::reserve, nothing::run)
        .on(OrderConfirmed.class, handlers::commit, nothing::run)
        .on(OrderFailed.class, handlers::release, nothing::run)
        .on(StockReturnRequested.class, handlers::returnStock, nothing::run)
        .groupLock(handlers::lockGroup)
        .groupAfterCommit(listener::stockChangedIn)
        .build();
  }

  /**
   * Before a commit group is applied, every lock its events will take, in the one lock order:
   * the orders' own locks, their reservation rows, then the union of the products (those an
   * OrderPlaced wants and those the orders' rows hold) in id order. After this the group's
   * handlers only take locks it holds, so two groups, or a group and a lone event or the
   * sweeper, queue behind each other instead of deadlocking, however their events interleave.
   */
  private Future<Void> lockGroup(SqlConnection conn, List<EventEnvelope> group) {
    Set<UUID> orders = new LinkedHashSet<>();
    Set<UUID> products = new HashSet<>();
    for (EventEnvelope envelope : group) {
      Event event = envelope.event();
      if (event instanceof OrderPlaced placed) {
        orders.add(placed.orderId());
        placed.items().forEach(item -> products.add(item.productId()));
      } else if (event instanceof OrderConfirmed confirmed) {
        orders.add(confirmed.orderId());
      } else if (event instanceof OrderFailed failed) {
        orders.add(failed.orderId());
      } else if (event instanceof StockReturnRequested returned) {
        orders.add(returned.orderId());
      }
    }
    if (orders.isEmpty()) {
      return Future.succeededFuture();
    }
    return reservations.lockOrders(conn, orders)
        .compose(held -> {
          products.addAll(held);
          return stocks.lock(conn, products);
        })
        .mapEmpty();
  }

  /**
   * Every line or none. Availability is read under the product locks and the order is reserved
   * only if all of it fits; a "no" is an answer (StockReservationFailed), not a handler failure.
   * An order whose OrderFailed was applied first reserves nothing and gets no answer.
   */
  private Future<List<UUID>> reserve(SqlConnection conn, EventEnvelope envelope, OrderPlaced order) {
    List<StockLine> wanted;
    try {
      wanted = OrderLines.merge(order.items());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new PermanentFailure(e.getMessage()));
    }
    List<UUID> ids = wanted.stream().map(StockLine::productId).toList();
    return reservations.lockOrder(conn, order.orderId())
        .compose(v -> reservations.failed(conn, order.orderId()))
        .compose(failed -> {
          if (failed) {
            // the saga's deadline passed while this waited (retries, catalog down): it compensated
            // and ended, and would never release stock held now
            log.warn("order {} failed before its OrderPlaced {} arrived; nothing reserved", order.orderId(),
                envelope.metadata().eventId());
            return Future.succeededFuture(List.of());
          }
          return reserveLines(conn, envelope, order, wanted, ids);
        });
  }

  private Future<List<UUID>> reserveLines(SqlConnection conn, EventEnvelope envelope, OrderPlaced order,
      List<StockLine> wanted, List<UUID> ids) {
    return stocks.lock(conn, ids).compose(stock -> reservations.exists(conn, order.orderId())
        .compose(reservedBefore -> {
          if (reservedBefore) {
            // a second OrderPlaced (new event id) for the same order: checked under the product
            // locks, so a concurrent twin has committed; it already got its answer, this gets none
            log.warn("order {} already has reservations; OrderPlaced {} ignored",
                order.orderId(), envelope.metadata().eventId());
            return Future.succeededFuture(List.<UUID>of());
          }
          StockCheck check = StockCheck.of(wanted, stock);
          if (!check.fits()) {
            return outbox.append(conn, envelope.reply(SERVICE,
                new StockReservationFailed(order.orderId(), check.shortLines(), check.reason()))).map(List.<UUID>of());
          }
          return stocks.reserve(conn, wanted)
              .compose(reserved -> reserved == wanted.size()
                  ? reservations.insert(conn, order.orderId(), wanted, config.ttl())
                  // cannot happen under the locks; failing rolls back the lines already added
                  : Future.failedFuture(new IllegalStateException(
                      "reserved " + reserved + " of " + wanted.size() + " checked lines")))
              .compose(expiresAt -> outbox.append(conn, envelope.reply(SERVICE,
                  new StockReserved(order.orderId(), wanted, expiresAt))))
              .map(ids);
        }));
  }

  /** Held units become sold ones; a reservation already final (or never made) is left alone. */
  private Future<List<UUID>> commit(SqlConnection conn, EventEnvelope envelope, OrderConfirmed order) {
    return reservations.finish(conn, order.orderId(), ReservationStatus.COMMITTED)
        .compose(lines -> {
          if (lines.isEmpty()) {
            // a repeat is harmless; an expiry before payment completed leaves a sale without held
            // stock, which the saga's deadlines are there to prevent: worth a warning either way
            log.warn("order {} confirmed with no RESERVED stock (already final, expired or never reserved);"
                + " nothing committed", order.orderId());
          }
          return lockProducts(conn, lines).compose(v -> stocks.commit(conn, lines)).map(productIds(lines));
        });
  }

  /**
   * Gives back what the order holds and always answers StockReleased, with empty items if
   * nothing was held (never reserved, expired, or released before), so the saga's
   * compensation finishes whatever happened to the stock. A second, distinct OrderFailed for
   * the same order is answered too (empty items): the saga may re-send its compensation
   * after a timeout, and an answer it ignores costs less than a saga waiting forever.
   */
  private Future<List<UUID>> release(SqlConnection conn, EventEnvelope envelope, OrderFailed order) {
    return reservations.lockOrder(conn, order.orderId())
        .compose(v -> reservations.markFailed(conn, order.orderId()))
        .compose(v -> reservations.finish(conn, order.orderId(), ReservationStatus.RELEASED))
        .compose(lines -> lockProducts(conn, lines).compose(v -> stocks.release(conn, lines)).map(lines))
        .compose(lines -> outbox.append(conn, envelope.reply(SERVICE, new StockReleased(order.orderId(), lines)))
            .map(productIds(lines)));
  }

  /** The lines' products, locked in id order (the update alone would lock them in line order). */
  private Future<Void> lockProducts(SqlConnection conn, List<StockLine> lines) {
    return lines.size() < 2 ? Future.succeededFuture() : stocks.lock(conn, productIds(lines)).mapEmpty();
  }

  /**
   * Puts the order's sold units back on hand, exactly once: the reservation rows move to
   * RETURNED by a conditional update, so a repeated request (a re-send after the saga's
   * deadline) moves nothing and is answered with empty items. A return that overtakes its own
   * OrderConfirmed finds the rows still RESERVED and releases them; the confirmation then finds
   * nothing to sell. Always answered, so the saga never waits on a repeat.
   */
  private Future<List<UUID>> returnStock(SqlConnection conn, EventEnvelope envelope, StockReturnRequested request) {
    return reservations.lockOrder(conn, request.orderId())
        .compose(v -> reservations.returnStock(conn, request.orderId()))
        .compose(returned -> lockProducts(conn, returned.all())
            .compose(v -> stocks.returnSold(conn, returned.onHand()))
            .compose(v -> stocks.release(conn, returned.released()))
            .compose(v -> outbox.append(conn, envelope.reply(SERVICE,
                new StockReturned(request.orderId(), returned.all()))))
            .map(productIds(returned.all())));
  }

  private static List<UUID> productIds(List<StockLine> lines) {
    return lines.stream().map(StockLine::productId).toList();
  }
}
