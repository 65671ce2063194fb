package dev.prost.orders.events;

import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.saga.Applied;
import dev.prost.orders.saga.SagaEngine;
import dev.prost.orders.saga.SagaEngine.Cause;
import dev.prost.orders.saga.SagaMetrics;
import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.PaymentFailed;
import dev.prost.platform.events.PaymentProcessed;
import dev.prost.platform.events.PaymentRefunded;
import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReservationFailed;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.events.StockReturned;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.stream.Collectors;

/** The orchestrator's consumer table: each event becomes one saga input, applied by the engine. */
public final class SagaHandlers {

  private SagaHandlers() {}

  public static EventHandlers create(SagaEngine engine, SagaMetrics metrics) {
    return EventHandlers.builder()
        .on(CartCheckoutInitiated.class, (conn, envelope, event) ->
            engine.start(conn, Cause.of(envelope), event), counted(metrics))
        .on(StockReserved.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RESERVED, null), counted(metrics))
        .on(StockReservationFailed.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RESERVATION_FAILED,
                shortage(event)), counted(metrics))
        .on(PaymentProcessed.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.PAYMENT_PROCESSED, null),
            counted(metrics))
        .on(PaymentFailed.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.PAYMENT_FAILED,
                "payment failed: " + event.reason()), counted(metrics))
        .on(StockReleased.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RELEASED, null), counted(metrics))
        .on(PaymentRefunded.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.PAYMENT_REFUNDED, null), counted(metrics))
        .on(StockReturned.class, (conn, envelope, event) ->
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RETURNED, null), counted(metrics))
        .build();
  }

  // the transition is counted after its commit, from what the handler answered: a rolled-back
  // attempt hands nothing over, so nothing is counted or kept for it
  private static <E extends Event> EventHandlers.AfterCommit<E, Applied> counted(SagaMetrics metrics) {
    return (envelope, event, applied) -> {
      metrics.record(applied);
      return Future.succeededFuture();
    };
  }

  private static String shortage(StockReservationFailed event) {
    String lines = event.shortLines().stream()
        .map(ShortLine::productId)
        .map(UUID::toString)
        .collect(Collectors.joining(", "));
    return "out of stock: " + event.reason() + (lines.isEmpty() ? "" : " (" + lines + ")");
  }
}
