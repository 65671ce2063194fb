package dev.prost.orders.events;

import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.saga.Applied;
import dev.prost.orders.saga.SagaEngine;
import dev.prost.orders.saga.SagaEngine.Cause;
import dev.prost.orders.saga.SagaMetrics;
import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PaymentFailed;
import dev.prost.platform.events.PaymentProcessed;
import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReservationFailed;
import dev.prost.platform.events.StockReserved;
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
            staged(metrics, envelope, engine.start(conn, Cause.of(envelope), event)))
        .on(StockReserved.class, (conn, envelope, event) -> staged(metrics, envelope,
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RESERVED, null)))
        .on(StockReservationFailed.class, (conn, envelope, event) -> staged(metrics, envelope,
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RESERVATION_FAILED,
                shortage(event))))
        .on(PaymentProcessed.class, (conn, envelope, event) -> staged(metrics, envelope,
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.PAYMENT_PROCESSED, null)))
        .on(PaymentFailed.class, (conn, envelope, event) -> staged(metrics, envelope,
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.PAYMENT_FAILED,
                "payment failed: " + event.reason())))
        .on(StockReleased.class, (conn, envelope, event) -> staged(metrics, envelope,
            engine.apply(conn, Cause.of(envelope), event.orderId(), SagaInput.STOCK_RELEASED, null)))
        .afterCommit(CartCheckoutInitiated.class, SagaHandlers.commit(metrics))
        .afterCommit(StockReserved.class, SagaHandlers.commit(metrics))
        .afterCommit(StockReservationFailed.class, SagaHandlers.commit(metrics))
        .afterCommit(PaymentProcessed.class, SagaHandlers.commit(metrics))
        .afterCommit(PaymentFailed.class, SagaHandlers.commit(metrics))
        .afterCommit(StockReleased.class, SagaHandlers.commit(metrics))
        .build();
  }

  private static Future<Void> staged(SagaMetrics metrics, EventEnvelope envelope, Future<Applied> applied) {
    UUID eventId = envelope.metadata().eventId();
    return applied.map(done -> metrics.stage(eventId, done)).mapEmpty();
  }

  private static <E extends Event> EventHandlers.AfterCommit<E> commit(SagaMetrics metrics) {
    return (envelope, event) -> {
      metrics.commit(envelope.metadata().eventId());
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
