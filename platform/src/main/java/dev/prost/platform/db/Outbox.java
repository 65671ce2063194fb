package dev.prost.platform.db;

import dev.prost.platform.db.impl.PgOutbox;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The write side of the transactional outbox. Appending happens on the caller's
 * connection, inside its transaction, so the events exist exactly when the state change
 * that caused them does. The outbox relay publishes them after the commit; nothing is ever
 * published straight from a request handler.
 */
public interface Outbox {

  /**
   * The outbox of {@code schema}. Every transaction that appended rows is announced once it
   * has committed, on the event bus of this process ({@link #committedAddress}), where the
   * service's relay listens: it publishes at once instead of waiting for its next poll.
   */
  static Outbox create(Vertx vertx, ServiceSchema schema, EventCodec codec) {
    return new PgOutbox(vertx, committedAddress(schema), codec);
  }

  /** The local event-bus address on which the commits that wrote to {@code schema}'s outbox are announced. */
  static String committedAddress(ServiceSchema schema) {
    return "prost.outbox.committed." + schema.schema();
  }

  /** Appends one event bound for a logical exchange (no namespace prefix) and routing key. */
  Future<Void> append(SqlConnection conn, EventEnvelope envelope, String exchange, String routingKey);

  /** Appends one event to the exchange and routing key the catalogue gives its type. */
  default Future<Void> append(SqlConnection conn, EventEnvelope envelope) {
    EventType type = EventCatalog.of(envelope.event());
    return append(conn, envelope, EventCatalog.exchangeOf(type), type.routingKey());
  }

  /** Appends several events, in order, each routed by the catalogue. */
  Future<Void> appendAll(SqlConnection conn, List<EventEnvelope> envelopes);
}
