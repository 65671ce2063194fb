package dev.prost.platform.messaging;

import com.rabbitmq.client.AMQP;
import dev.prost.platform.messaging.Topology.Subscription;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Re-publishes a failed delivery, body untouched: to the retry queue (with a per-message
 * TTL, after which the broker dead-letters it back to the work queue) or to the
 * dead-letter exchange, with headers saying why, how often, who gave up and where the
 * message was first published.
 */
final class DeadLetters {

  private final EventPublisher publisher;
  private final Subscription subscription;
  private final String retryQueue;
  private final String deadLetterExchange;

  DeadLetters(EventPublisher publisher, TopologyNames names, Subscription subscription) {
    this.publisher = publisher;
    this.subscription = subscription;
    this.retryQueue = names.retryQueue(subscription);
    this.deadLetterExchange = names.deadLetterExchange(subscription);
  }

  Future<Void> retry(Delivery delivery, int attempts, Duration delay) {
    Map<String, Object> headers = copyHeaders(delivery, attempts);
    AMQP.BasicProperties props = delivery.properties().builder()
        .headers(headers)
        .deliveryMode(2)
        .expiration(Long.toString(delay.toMillis()))
        .build();
    // the default exchange routes by queue name
    return publisher.publish(new OutgoingMessage("", retryQueue, props, delivery.body()));
  }

  Future<Void> publish(Delivery delivery, String kind, String reason, int attempts) {
    Map<String, Object> headers = copyHeaders(delivery, attempts);
    headers.put(Headers.FAILURE_KIND, kind);
    headers.put(Headers.REASON, truncate(reason));
    headers.put(Headers.CONSUMER, subscription.consumer());
    headers.put(Headers.DEAD_LETTERED_AT, Instant.now().toString());
    AMQP.BasicProperties props = delivery.properties().builder()
        .headers(headers)
        .deliveryMode(2)
        .expiration(null)
        .build();
    return publisher.publish(new OutgoingMessage(deadLetterExchange, "", props, delivery.body()));
  }

  private static Map<String, Object> copyHeaders(Delivery delivery, int attempts) {
    Map<String, Object> headers = new HashMap<>();
    if (delivery.properties().getHeaders() != null) {
      headers.putAll(delivery.properties().getHeaders());
    }
    // the broker's own dead-letter bookkeeping grows with every retry round; ours is enough
    headers.remove("x-death");
    headers.remove("x-first-death-exchange");
    headers.remove("x-first-death-queue");
    headers.remove("x-first-death-reason");
    headers.put(Headers.ATTEMPTS, attempts);
    headers.put(Headers.ORIGINAL_EXCHANGE, delivery.originalExchange());
    headers.put(Headers.ORIGINAL_ROUTING_KEY, delivery.originalRoutingKey());
    return headers;
  }

  private static String truncate(String reason) {
    String text = reason == null ? "unknown" : reason;
    return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
  }
}
