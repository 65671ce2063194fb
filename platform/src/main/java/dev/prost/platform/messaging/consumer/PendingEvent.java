package dev.prost.platform.messaging.consumer;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.messaging.EventHandler;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Context;

/**
 * A decoded delivery on its way through the chain: its handler, and the duplicated context
 * its callbacks (and log lines, with its correlation id) run on.
 */
record PendingEvent(Delivery delivery, EventEnvelope envelope, EventHandler handler, Context context) {

  EventMetadata meta() {
    return envelope.metadata();
  }

  /** The consumer span of its delivery (invalid when there is none, as in the chain's own tests). */
  Span span() {
    return delivery == null ? Span.getInvalid() : delivery.span();
  }
}
