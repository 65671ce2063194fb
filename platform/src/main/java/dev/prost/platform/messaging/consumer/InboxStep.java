package dev.prost.platform.messaging.consumer;

import dev.prost.platform.db.IdempotencyStore;
import dev.prost.platform.events.EventMetadata;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * The idempotent handler decorator: records {@code (consumer, event_id)} in the inbox on the
 * transaction's connection ({@code ON CONFLICT DO NOTHING}) and calls the next step only when
 * the row is new. The row commits or rolls back with the handler's effect, so an event is
 * applied once per consumer however often it is delivered.
 */
final class InboxStep implements EventStep {

  private final IdempotencyStore inbox = IdempotencyStore.create();
  private final String consumer;
  private final EventStep next;

  InboxStep(String consumer, EventStep next) {
    this.consumer = consumer;
    this.next = next;
  }

  @Override
  public Future<Outcome> apply(SqlConnection conn, PendingEvent event) {
    EventMetadata meta = event.meta();
    return inbox.recordIfAbsent(conn, consumer, meta.eventId(), meta.eventType(), meta.correlationId())
        .compose(fresh -> fresh ? next.apply(conn, event) : Future.succeededFuture(Outcome.DUPLICATE));
  }
}
