package dev.prost.orders.payment;

import dev.prost.orders.OrdersConfig;
import dev.prost.orders.store.Payments;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PaymentFailed;
import dev.prost.platform.events.PaymentProcessed;
import dev.prost.platform.events.PaymentRequested;
import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.logging.VertxContexts;
import io.opentelemetry.context.Scope;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the gateway's answers: the payment PROCESSED or DECLINED and PaymentProcessed or
 * PaymentFailed in the outbox, in one transaction. Answers that come while a settle transaction
 * commits wait for it and share the next one (group commit), so under load many charges cost
 * one commit; an answer that finds no settle in flight commits at once. A group that fails is
 * settled again one answer per transaction, so one bad answer never fails its neighbours. Runs
 * on one event-loop context of its own.
 */
final class PaymentSettlements {

  private static final Logger log = LoggerFactory.getLogger(PaymentSettlements.class);
  private static final int MAX_GROUP = 64;

  /** A gateway answer waiting to be recorded, with the trace its outbox row continues. */
  record Answer(EventEnvelope envelope, PaymentRequested request, PaymentGateway.Result result,
      io.opentelemetry.context.Context trace, Promise<Void> settled) {}

  private final Pool pool;
  private final Outbox outbox;
  private final Context context;
  private final Payments payments = new Payments();
  private final Deque<Answer> queued = new ArrayDeque<>();
  private boolean committing;

  PaymentSettlements(Pool pool, Outbox outbox, Context context) {
    this.pool = pool;
    this.outbox = outbox;
    this.context = context;
  }

  /** Records one answer; completes once it is committed. */
  Future<Void> settle(EventEnvelope envelope, PaymentRequested request, PaymentGateway.Result result) {
    Promise<Void> settled = Promise.promise();
    Answer answer = new Answer(envelope, request, result, io.opentelemetry.context.Context.current(), settled);
    context.runOnContext(v -> {
      queued.add(answer);
      commitNext();
    });
    return settled.future();
  }

  private void commitNext() {
    if (committing || queued.isEmpty()) {
      return;
    }
    List<Answer> group = new ArrayList<>(Math.min(MAX_GROUP, queued.size()));
    while (group.size() < MAX_GROUP && !queued.isEmpty()) {
      group.add(queued.poll());
    }
    committing = true;
    commit(group).onComplete(ar -> {
      committing = false;
      commitNext();
    });
  }

  private Future<Void> commit(List<Answer> group) {
    return inTransaction(group)
        .onSuccess(v -> group.forEach(answer -> answer.settled().complete()))
        .recover(failure -> {
          if (group.size() == 1) {
            group.get(0).settled().fail(failure);
            return Future.succeededFuture();
          }
          log.debug("settle of {} answers rolled back ({}), settling one by one", group.size(), failure.toString());
          return Future.join(group.stream().map(answer -> commit(List.of(answer))).toList()).mapEmpty();
        });
  }

  private Future<Void> inTransaction(List<Answer> group) {
    // the connection answers on the context that asks for it: a fresh duplicate, orders', so
    // the correlation id set for each answer tags this group's log lines and no one else's, and
    // its SQL spans join the first answer's trace
    Promise<Void> done = Promise.promise();
    Context duplicate = VertxContexts.duplicate(context);
    VertxContexts.markService(duplicate, OrdersConfig.SERVICE);
    duplicate.runOnContext(v -> {
      group.get(0).trace().makeCurrent();
      transaction(group).onComplete(done);
    });
    return done.future();
  }

  private Future<Void> transaction(List<Answer> group) {
    return pool.withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (Answer answer : group) {
        chain = chain.compose(ignored -> record(conn, answer));
      }
      return chain;
    });
  }

  private Future<Void> record(SqlConnection conn, Answer answer) {
    UUID orderId = answer.request().orderId();
    PaymentGateway.Result result = answer.result();
    CorrelationIds.set(answer.envelope().metadata().correlationId());
    return payments.settle(conn, orderId, result.approved(), result.providerReference(), result.declineReason())
        .compose(settled -> {
          if (!settled) {
            log.warn("order {} gave up on its payment before the gateway answered ({}); {}", orderId,
                result.approved() ? "charged" : "declined", result.approved() ? "refund required" : "nothing to do");
            return Future.<Void>succeededFuture();
          }
          try (Scope scope = answer.trace().makeCurrent()) {
            return outbox.append(conn, answer.envelope().reply(OrdersConfig.SERVICE, result.approved()
                ? new PaymentProcessed(orderId, UUID.nameUUIDFromBytes(result.providerReference().getBytes()),
                    answer.request().amountCents(), answer.request().currency(), result.providerReference())
                : new PaymentFailed(orderId, result.declineReason())));
          }
        });
  }
}
