package dev.prost.platform.db.impl;

import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.events.EventType;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** {@link Outbox} on the schema's {@code outbox} table. */
public final class PgOutbox implements Outbox {

  private static final String INSERT = """
      INSERT INTO outbox (event_id, event_type, event_version, exchange, routing_key, correlation_id, envelope)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  private final EventCodec codec;

  public PgOutbox(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  public Future<Void> append(SqlConnection conn, EventEnvelope envelope, String exchange, String routingKey) {
    return conn.preparedQuery(INSERT).execute(row(envelope, exchange, routingKey)).mapEmpty();
  }

  @Override
  public Future<Void> appendAll(SqlConnection conn, List<EventEnvelope> envelopes) {
    if (envelopes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = envelopes.stream().map(envelope -> {
      EventType type = EventCatalog.of(envelope.event());
      return row(envelope, EventCatalog.exchangeOf(type), type.routingKey());
    }).toList();
    // one round trip for the whole batch
    return conn.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  private Tuple row(EventEnvelope envelope, String exchange, String routingKey) {
    EventMetadata meta = envelope.metadata();
    return Tuple.of(meta.eventId(), meta.eventType(), meta.version(), exchange, routingKey,
        meta.correlationId(), codec.encodeToString(envelope));
  }
}
