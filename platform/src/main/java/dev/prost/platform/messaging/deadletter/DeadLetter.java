package dev.prost.platform.messaging.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.rabbitmq.client.AMQP;
import dev.prost.platform.messaging.Headers;
import dev.prost.platform.messaging.OutgoingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One message of a dead-letter queue as {@code FailureRouter} left it: the untouched body
 * and AMQP properties of the event, plus the {@code x-prost-*} headers saying why it failed
 * and where it was first published.
 */
public record DeadLetter(AMQP.BasicProperties properties, byte[] body) {

  // failure bookkeeping that a replayed copy must not carry into its new life
  private static final List<String> FAILURE_HEADERS = List.of(Headers.ATTEMPTS, Headers.REASON,
      Headers.FAILURE_KIND, Headers.CONSUMER, Headers.ORIGINAL_EXCHANGE, Headers.ORIGINAL_ROUTING_KEY,
      Headers.DEAD_LETTERED_AT, "x-delivery-count", "x-death", "x-first-death-exchange",
      "x-first-death-queue", "x-first-death-reason");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The AMQP message id, which Prost sets to the event id; empty if the publisher set none. */
  public Optional<String> messageId() {
    return Optional.ofNullable(properties.getMessageId());
  }

  /** The event id, when the message id is one (a raw publish may carry anything or nothing). */
  public Optional<UUID> eventId() {
    return messageId().flatMap(DeadLetter::uuid);
  }

  public Optional<String> eventType() {
    return Optional.ofNullable(properties.getType());
  }

  public Optional<String> correlationId() {
    return Optional.ofNullable(properties.getCorrelationId());
  }

  public Optional<String> reason() {
    return header(Headers.REASON);
  }

  public Optional<String> failureKind() {
    return header(Headers.FAILURE_KIND);
  }

  public Optional<String> consumer() {
    return header(Headers.CONSUMER);
  }

  public Optional<String> deadLetteredAt() {
    return header(Headers.DEAD_LETTERED_AT);
  }

  public Optional<String> originalExchange() {
    return header(Headers.ORIGINAL_EXCHANGE);
  }

  public Optional<String> originalRoutingKey() {
    return header(Headers.ORIGINAL_ROUTING_KEY);
  }

  /** When the event was first published (the AMQP timestamp, seconds), if the publisher set it. */
  public Optional<Instant> publishedAt() {
    return Optional.ofNullable(properties.getTimestamp()).map(date -> date.toInstant());
  }

  /** Every header as text, sorted by name (the client hands strings over as byte sequences). */
  public Map<String, String> headers() {
    Map<String, String> text = new TreeMap<>();
    if (properties.getHeaders() != null) {
      properties.getHeaders().forEach((name, value) -> text.put(name, String.valueOf(value)));
    }
    return text;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body indented for reading when it is JSON; as it is otherwise. */
  public String prettyBody() {
    try {
      return JSON.writeValueAsString(JSON.readTree(body));
    } catch (IOException | RuntimeException e) {
      return bodyText();
    }
  }

  /**
   * The message as first published, addressed to the one work queue it failed in (through the
   * default exchange), so only the consumer that gave up on it gets it again: the other
   * consumers of its routing key applied it long ago. Its original message id and properties
   * are kept, and where it was first published; the failure headers are dropped, so a replay
   * starts with fresh attempts, and {@link Headers#REPLAYED_AT} records when.
   */
  public OutgoingMessage replay(Instant now, String workQueue) {
    Map<String, Object> headers = copyHeaders();
    FAILURE_HEADERS.forEach(headers::remove);
    originalExchange().ifPresent(exchange -> headers.put(Headers.ORIGINAL_EXCHANGE, exchange));
    originalRoutingKey().ifPresent(key -> headers.put(Headers.ORIGINAL_ROUTING_KEY, key));
    headers.put(Headers.REPLAYED_AT, now.toString());
    return new OutgoingMessage("", workQueue, properties.builder().headers(headers).deliveryMode(2).build(), body);
  }

  /** An identical copy addressed to {@code queue} through the default exchange. */
  public OutgoingMessage copyTo(String queue) {
    Map<String, Object> headers = copyHeaders();
    // a quorum queue counts returns in this header; a fresh copy starts from none
    headers.remove("x-delivery-count");
    return new OutgoingMessage("", queue, properties.builder().headers(headers).build(), body);
  }

  private Map<String, Object> copyHeaders() {
    return properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
  }

  private Optional<String> header(String name) {
    Map<String, Object> headers = properties.getHeaders();
    Object value = headers == null ? null : headers.get(name);
    return Optional.ofNullable(value).map(String::valueOf);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
