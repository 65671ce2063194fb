package dev.prost.cart.events;

import dev.prost.cart.AcceptedCheckouts;
import dev.prost.cart.CheckoutWaits;
import dev.prost.cart.domain.CartStatus;
import dev.prost.cart.store.Carts;
import dev.prost.cart.store.Sagas;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders' outcomes close the cart's side of a checkout. Only an INITIATED saga moves (a
 * conditional update), and only the cart it froze is touched, so a duplicate or late outcome
 * (a second event for the same order) finds nothing to do and changes nothing.
 */
public final class SagaOutcomeHandlers {

  private static final Logger log = LoggerFactory.getLogger(SagaOutcomeHandlers.class);

  private final Sagas sagas = new Sagas();
  private final Carts carts = new Carts();

  private SagaOutcomeHandlers() {}

  /**
   * The handlers; once an outcome committed, its view replaces the accepted checkout's and
   * answers the requests held on it in this process.
   */
  public static EventHandlers create(CheckoutWaits waits, AcceptedCheckouts accepted) {
    SagaOutcomeHandlers handlers = new SagaOutcomeHandlers();
    return EventHandlers.builder()
        .on(OrderConfirmed.class, handlers::confirmed, (envelope, event, view) -> answer(waits, accepted, event.orderId(), view))
        .on(OrderFailed.class, handlers::failed, (envelope, event, view) -> answer(waits, accepted, event.orderId(), view))
        .build();
  }

  // the view as committed, handed over by the chain: no re-read, nothing kept on the side
  // the table first: a request that looks there after the waiters were woken finds the outcome
  private static Future<Void> answer(CheckoutWaits waits, AcceptedCheckouts accepted, UUID orderId,
      Optional<JsonObject> view) {
    view.ifPresent(committed -> {
      accepted.ended(orderId, committed);
      waits.ended(orderId, committed);
    });
    return Future.succeededFuture();
  }

  // the old cart becomes history, which frees the one-open-cart index for a new empty one
  private Future<Optional<JsonObject>> confirmed(SqlConnection conn, EventEnvelope envelope, OrderConfirmed event) {
    return sagas.end(conn, event.orderId(), "CONFIRMED", null).compose(ended -> ended.isEmpty()
        ? ignored(envelope, event.orderId())
        : carts.move(conn, ended.get().cartId(), CartStatus.CHECKING_OUT, CartStatus.CHECKED_OUT)
            .compose(moved -> carts.openFor(conn, ended.get().userId()))
            .map(opened -> Optional.of(Sagas.viewOf(event.orderId(), "CONFIRMED", null))));
  }

  // the lines never left the cart: reopening it is all the compensation the cart needs
  private Future<Optional<JsonObject>> failed(SqlConnection conn, EventEnvelope envelope, OrderFailed event) {
    return sagas.end(conn, event.orderId(), "FAILED", event.reason()).compose(ended -> ended.isEmpty()
        ? ignored(envelope, event.orderId())
        : carts.move(conn, ended.get().cartId(), CartStatus.CHECKING_OUT, CartStatus.ACTIVE)
            .map(moved -> Optional.of(Sagas.viewOf(event.orderId(), "FAILED", event.reason()))));
  }

  private static Future<Optional<JsonObject>> ignored(EventEnvelope envelope, UUID orderId) {
    // normal: a repeated outcome, or one for a checkout that already ended
    log.info("{} {} for order {} finds no INITIATED checkout; ignored", envelope.metadata().eventType(),
        envelope.metadata().eventId(), orderId);
    return Future.succeededFuture(Optional.empty());
  }
}
