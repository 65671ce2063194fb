package dev.prost.platform.messaging.consumer;

import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.messaging.EventHandler;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Context;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The chain's first link, on the delivery's own context: decodes the body, tags the context
 * with the event's correlation id and finds the handler. A poison message — malformed JSON, an
 * unknown type or newer version, a type this consumer has no handler for — goes straight to
 * the dead-letter queue with the reason in its headers: never retried, never dropped.
 */
final class DeliveryDecoder {

  private final EventCodec codec = EventCodec.create();
  private final String consumer;
  private final EventHandlers handlers;
  private final Settlement settlement;
  private final Consumer<PendingEvent> next;

  DeliveryDecoder(String consumer, EventHandlers handlers, Settlement settlement, Consumer<PendingEvent> next) {
    this.consumer = consumer;
    this.handlers = handlers;
    this.settlement = settlement;
    this.next = next;
  }

  void accept(Delivery delivery, Context context) {
    EventEnvelope envelope;
    try {
      envelope = codec.decode(delivery.body());
    } catch (EventDecodingException e) {
      settlement.deadLetter(delivery, "decode", e.getMessage());
      return;
    }
    EventMetadata meta = envelope.metadata();
    CorrelationIds.set(meta.correlationId());
    Optional<EventHandler> handler = handlers.forType(meta.eventType());
    if (handler.isEmpty()) {
      settlement.deadLetter(delivery, "permanent", "consumer " + consumer + " has no handler for " + meta.eventType());
      return;
    }
    next.accept(new PendingEvent(delivery, envelope, handler.get(), context));
  }
}
