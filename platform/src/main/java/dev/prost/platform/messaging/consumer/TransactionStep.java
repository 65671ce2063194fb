package dev.prost.platform.messaging.consumer;

import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.logging.VertxContexts;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens one transaction for a group of events and applies them strictly in order on its
 * connection; the group commits or rolls back as a whole (commit grouping: one commit, one
 * WAL flush, one pooled connection for the lot).
 *
 * <p>A connection completes its queries on the context that acquired it. So a lone event's
 * transaction runs on the event's own context, and a group's on a fresh duplicate whose
 * correlation id follows the event being applied: every log line names the right checkout.
 *
 * <p>A group of two or more first runs the handler table's {@link EventHandlers.GroupLock}.
 */
final class TransactionStep implements GroupStep {

  private final Pool pool;
  private final Context root;
  private final EventHandlers.GroupLock groupLock;
  private final EventStep next;

  TransactionStep(Pool pool, Context root, EventStep next) {
    this(pool, root, EventHandlers.GroupLock.NONE, next);
  }

  TransactionStep(Pool pool, Context root, EventHandlers.GroupLock groupLock, EventStep next) {
    this.pool = pool;
    this.root = root;
    this.groupLock = groupLock;
    this.next = next;
  }

  @Override
  public Future<List<Outcome>> apply(List<PendingEvent> events) {
    Context context = events.size() == 1 ? events.get(0).context() : VertxContexts.duplicate(root);
    Promise<List<Outcome>> done = Promise.promise();
    context.runOnContext(v -> pool.withTransaction(conn -> events.size() == 1
        ? inOrder(conn, events)
        : groupLock.lock(conn, events.stream().map(PendingEvent::envelope).toList())
            .compose(locked -> inOrder(conn, events))).onComplete(done));
    return done.future();
  }

  private Future<List<Outcome>> inOrder(SqlConnection conn, List<PendingEvent> events) {
    List<Outcome> outcomes = new ArrayList<>(events.size());
    Future<Void> chain = Future.succeededFuture();
    for (PendingEvent event : events) {
      chain = chain
          .compose(v -> {
            CorrelationIds.set(event.meta().correlationId());
            // a group's SQL spans belong to the consumer span of the event being applied
            io.opentelemetry.context.Context.root().with(event.span()).makeCurrent();
            return next.apply(conn, event);
          })
          .map(outcome -> {
            outcomes.add(outcome);
            return null;
          });
    }
    return chain.map(v -> outcomes);
  }
}
