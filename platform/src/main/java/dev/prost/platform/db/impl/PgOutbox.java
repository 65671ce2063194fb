package dev.prost.platform.db.impl;

import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.events.EventType;
import dev.prost.platform.tracing.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Outbox} on the schema's {@code outbox} table. */
public final class PgOutbox implements Outbox {

  private static final String INSERT = """
      INSERT INTO outbox (event_id, event_type, event_version, exchange, routing_key, correlation_id, envelope,
        trace_context)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  private final Vertx vertx;
  private final String committedAddress;
  private final EventCodec codec;
  // transactions that appended and await their commit: one announcement each, however many appends
  private final Set<Transaction> awaitingCommit = ConcurrentHashMap.newKeySet();

  public PgOutbox(Vertx vertx, String committedAddress, EventCodec codec) {
    this.vertx = vertx;
    this.committedAddress = committedAddress;
    this.codec = codec;
  }

  @Override
  public Future<Void> append(SqlConnection conn, EventEnvelope envelope, String exchange, String routingKey) {
    return conn.preparedQuery(INSERT).execute(row(envelope, exchange, routingKey, TraceContext.current()))
        .onSuccess(rows -> announceOnCommit(conn))
        .mapEmpty();
  }

  @Override
  public Future<Void> appendAll(SqlConnection conn, List<EventEnvelope> envelopes) {
    if (envelopes.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject trace = TraceContext.current();
    List<Tuple> rows = envelopes.stream().map(envelope -> {
      EventType type = EventCatalog.of(envelope.event());
      return row(envelope, EventCatalog.exchangeOf(type), type.routingKey(), trace);
    }).toList();
    // one round trip for the whole batch
    return conn.preparedQuery(INSERT).executeBatch(rows)
        .onSuccess(inserted -> announceOnCommit(conn))
        .mapEmpty();
  }

  /**
   * Tells the relay once the rows are visible: after the commit (never on a rollback), or at
   * once outside a transaction. This replaces a NOTIFY trigger: PostgreSQL serialises every
   * commit that sent a NOTIFY behind one lock, which stopped outbox writers sharing a WAL flush.
   */
  private void announceOnCommit(SqlConnection conn) {
    Transaction tx = conn.transaction();
    if (tx == null) {
      vertx.eventBus().publish(committedAddress, null);
    } else if (awaitingCommit.add(tx)) {
      tx.completion().onComplete(ended -> {
        awaitingCommit.remove(tx);
        if (ended.succeeded()) {
          vertx.eventBus().publish(committedAddress, null);
        }
      });
    }
  }

  /** {@code trace}: the span of the writing transaction (the relay's publish span continues it), or null. */
  private Tuple row(EventEnvelope envelope, String exchange, String routingKey, JsonObject trace) {
    EventMetadata meta = envelope.metadata();
    return Tuple.of(meta.eventId(), meta.eventType(), meta.version(), exchange, routingKey,
        meta.correlationId(), codec.encodeToString(envelope), trace);
  }
}
