package dev.prost.platform.messaging;

import dev.prost.platform.db.IdempotencyStore;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.logging.CorrelationIds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies events exactly once per consumer: in one transaction, the inbox insert
 * ({@code ON CONFLICT DO NOTHING}) and, only when it inserted, the handler. Several queued
 * events may share a transaction (commit grouping: one commit, one WAL flush, one pooled
 * connection for the lot); such a group commits or rolls back as a whole, and the caller
 * then applies its events one by one to find out which failed.
 *
 * <p>A connection completes its queries on the context that acquired it. So a lone event
 * acquires its connection from its own context, and a group runs on a context of its own
 * whose correlation id follows the event being applied — the group's events are applied
 * strictly one after another, so every log line still names the right checkout.
 */
final class InboxApplier {

  private final Pool pool;
  private final String consumer;
  private final IdempotencyStore inbox = IdempotencyStore.create();

  InboxApplier(Pool pool, String consumer) {
    this.pool = pool;
    this.consumer = consumer;
  }

  /** Answers whether the event was new (applied) or a duplicate (skipped). */
  Future<Boolean> applyAlone(PendingEvent event) {
    return on(event.context(), () -> pool.withTransaction(conn -> apply(conn, event)));
  }

  /** Applies the events in order in one transaction; answers new/duplicate per event. */
  Future<List<Boolean>> applyTogether(ContextInternal groupContext, List<PendingEvent> events) {
    return on(groupContext, () -> pool.withTransaction(conn -> {
      List<Boolean> results = new ArrayList<>(events.size());
      Future<Void> chain = Future.succeededFuture();
      for (PendingEvent event : events) {
        chain = chain
            .compose(v -> {
              CorrelationIds.set(event.envelope().metadata().correlationId());
              return apply(conn, event);
            })
            .map(fresh -> {
              results.add(fresh);
              return null;
            });
      }
      return chain.map(v -> results);
    }));
  }

  private Future<Boolean> apply(SqlConnection conn, PendingEvent event) {
    EventMetadata meta = event.envelope().metadata();
    return inbox.recordIfAbsent(conn, consumer, meta.eventId(), meta.eventType(), meta.correlationId())
        .compose(fresh -> fresh ? event.handler().handle(conn, event.envelope()).map(true) : Future.succeededFuture(false));
  }

  private static <T> Future<T> on(ContextInternal context, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.dispatch(() -> work.get().onComplete(done));
    return done.future();
  }
}
