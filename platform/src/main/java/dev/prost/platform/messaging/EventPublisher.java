package dev.prost.platform.messaging;

import dev.prost.platform.messaging.impl.ConfirmingPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Publishes with publisher confirms. Each {@link #publish} completes when the broker has
 * taken responsibility for the message (confirm), and fails on a nack, a confirm timeout
 * or a lost channel — in which case the message may or may not have arrived, and the
 * caller publishes it again (consumers drop the duplicate). Many publishes may be in
 * flight at once; callers never wait for one confirm before sending the next.
 */
public interface EventPublisher extends AutoCloseable {

  static Future<EventPublisher> create(Vertx vertx, AmqpConnection connection, Duration confirmTimeout,
      MessagingMetrics metrics) {
    return ConfirmingPublisher.open(vertx, connection, confirmTimeout, metrics).map(p -> p);
  }

  Future<Void> publish(OutgoingMessage message);

  /** Publishes unconfirmed messages still count; closing fails them. */
  @Override
  void close();
}
