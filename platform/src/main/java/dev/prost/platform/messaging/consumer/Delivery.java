package dev.prost.platform.messaging.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.Headers;
import io.opentelemetry.api.trace.Span;
import java.util.Map;

/**
 * One message as the broker delivered it, the channel to settle it on, and the consumer span
 * of its handling (invalid until the {@link TracingStep} starts it; ended by the {@link Settlement}).
 */
record Delivery(AmqpChannel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body, Span span) {

  Delivery(AmqpChannel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    this(channel, envelope, properties, body, Span.getInvalid());
  }

  Delivery traced(Span started) {
    return new Delivery(channel, envelope, properties, body, started);
  }

  long tag() {
    return envelope.getDeliveryTag();
  }

  /** Failed attempts so far (0 on the first delivery). */
  int attempts() {
    Object value = header(Headers.ATTEMPTS);
    return value instanceof Number n ? n.intValue() : 0;
  }

  /** Where the message was first published (a retried copy arrives through the default exchange). */
  String originalExchange() {
    Object value = header(Headers.ORIGINAL_EXCHANGE);
    return value == null ? envelope.getExchange() : value.toString();
  }

  String originalRoutingKey() {
    Object value = header(Headers.ORIGINAL_ROUTING_KEY);
    return value == null ? envelope.getRoutingKey() : value.toString();
  }

  Object header(String name) {
    Map<String, Object> headers = headers();
    return headers == null ? null : headers.get(name);
  }

  Map<String, Object> headers() {
    return properties.getHeaders();
  }
}
