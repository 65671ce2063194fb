package dev.prost.platform.events;

import java.util.Objects;

/**
 * One row of the {@link EventCatalog}: how an event is named, versioned and routed.
 *
 * @param name the wire {@code event_type}, equal to the record's simple name
 * @param javaClass the record carrying the current version's payload
 * @param version the current version; older ones are upcast on decoding
 * @param producer the only service that publishes it, which also names its exchange
 * @param routingKey the AMQP routing key it is published with
 */
public record EventType(
  String name,
  Class<? extends Event> javaClass,
  int version,
  String producer,
  String routingKey) {

  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaClass, "javaClass");
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(routingKey, "routingKey");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1: " + version);
    }
  }
}
