package dev.prost.platform.messaging;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * One message to publish: full broker exchange name (namespace included), routing key,
 * AMQP properties and body.
 */
public record OutgoingMessage(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {

  /** An event envelope as DESIGN.md §3 puts it on the wire: persistent, ids mirrored in properties. */
  public static OutgoingMessage event(String exchange, String routingKey, String eventId, String eventType,
      int version, String correlationId, String envelopeJson) {
    return event(exchange, routingKey, eventId, eventType, version, correlationId, envelopeJson, Map.of());
  }

  /** {@code trace}: W3C trace context headers ({@code traceparent}, {@code tracestate}) the consumer continues. */
  public static OutgoingMessage event(String exchange, String routingKey, String eventId, String eventType,
      int version, String correlationId, String envelopeJson, Map<String, String> trace) {
    Map<String, Object> headers = new HashMap<>(trace);
    headers.put(Headers.EVENT_VERSION, version);
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
        .messageId(eventId)
        .correlationId(correlationId)
        .type(eventType)
        .contentType("application/json")
        .deliveryMode(2)
        .timestamp(new Date())
        .headers(headers)
        .build();
    return new OutgoingMessage(exchange, routingKey, properties, envelopeJson.getBytes(StandardCharsets.UTF_8));
  }
}
