package dev.prost.platform.messaging;

import dev.prost.platform.events.EventEnvelope;
import io.vertx.core.internal.ContextInternal;

/**
 * A decoded delivery waiting to be applied: its handler, and the duplicated context its
 * callbacks (and log lines, with its correlation id) run on.
 */
record PendingEvent(Delivery delivery, EventEnvelope envelope, EventHandler handler, ContextInternal context) {

  long deliveryTag() {
    return delivery.envelope().getDeliveryTag();
  }
}
