package dev.prost.platform.messaging.consumer;

import com.rabbitmq.client.AMQP;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.failure.FailureClassifier;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.Headers;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a failed delivery goes and re-publishes it there, body untouched: to the
 * retry queue (with a per-message TTL, after which the broker dead-letters it back to the
 * work queue) while a transient failure has attempts left, otherwise to the dead-letter
 * exchange, with headers saying why, how often, who gave up and where the message was
 * first published. The returned future succeeds once the broker confirmed the copy.
 */
final class FailureRouter {

  private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);
  // the span events of a retry or dead-letter: what the trace shows of the decision
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("prost.attempt");
  private static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("prost.retry.delay_ms");
  private static final AttributeKey<String> FAILURE_KIND = AttributeKey.stringKey("prost.failure.kind");
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("prost.failure.reason");

  private final EventPublisher publisher;
  private final Subscription subscription;
  private final MessagingConfig config;
  private final MessagingMetrics metrics;
  private final String retryQueue;
  private final String deadLetterExchange;

  FailureRouter(EventPublisher publisher, TopologyNames names, Subscription subscription, MessagingConfig config,
      MessagingMetrics metrics) {
    this.publisher = publisher;
    this.subscription = subscription;
    this.config = config;
    this.metrics = metrics;
    this.retryQueue = names.retryQueue(subscription);
    this.deadLetterExchange = names.deadLetterExchange(subscription);
  }

  /** A handler failed: retry with backoff, or dead-letter. */
  Future<Void> route(Delivery delivery, EventMetadata meta, Throwable failure) {
    int attempts = delivery.attempts() + 1;
    delivery.span().recordException(failure);
    FailureClassifier.Kind kind = FailureClassifier.classify(failure);
    String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (kind == FailureClassifier.Kind.TRANSIENT && attempts < config.maxAttempts()) {
      Duration delay = config.retryDelay(attempts);
      log.warn("{} {} failed transiently (attempt {} of {}), retrying in {} ms: {}", meta.eventType(),
          meta.eventId(), attempts, config.maxAttempts(), delay.toMillis(), reason);
      delivery.span().addEvent("prost.retry", Attributes.of(ATTEMPT, (long) attempts, DELAY_MS, delay.toMillis(),
          FAILURE_KIND, "transient", REASON, reason));
      return retry(delivery, attempts, delay).onSuccess(v -> metrics.retried(subscription.consumer()));
    }
    String label = kind == FailureClassifier.Kind.TRANSIENT ? "transient" : "permanent";
    log.error("{} {} dead-lettered after {} attempt(s) ({}): {}", meta.eventType(), meta.eventId(), attempts,
        label, reason);
    return deadLetter(delivery, label, reason);
  }


  /** Dead-letters at once: undecodable, unhandled, or out of attempts. */
  Future<Void> deadLetter(Delivery delivery, String kind, String reason) {
    delivery.span().addEvent("prost.dead_letter", Attributes.of(ATTEMPT, delivery.attempts() + 1L,
        FAILURE_KIND, kind, REASON, reason));
    delivery.span().setAttribute(FAILURE_KIND, kind);
    delivery.span().setStatus(StatusCode.ERROR, "dead-lettered (" + kind + "): " + truncate(reason));
    return publish(delivery, kind, reason, delivery.attempts() + 1)
        .onSuccess(v -> metrics.deadLettered(subscription.consumer(), kind));
  }

  private Future<Void> retry(Delivery delivery, int attempts, Duration delay) {
    Map<String, Object> headers = copyHeaders(delivery, attempts);
    AMQP.BasicProperties props = delivery.properties().builder()
        .headers(headers)
        .deliveryMode(2)
        .expiration(Long.toString(delay.toMillis()))
        .build();
    // the default exchange routes by queue name
    return publisher.publish(new OutgoingMessage("", retryQueue, props, delivery.body()));
  }

  private Future<Void> publish(Delivery delivery, String kind, String reason, int attempts) {
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
