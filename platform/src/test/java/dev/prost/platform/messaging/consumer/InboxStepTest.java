package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Inbox step (the idempotent handler decorator)")
class InboxStepTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a new event reaches the next step; the same event again is a duplicate the next step never sees")
  void newThenDuplicate(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    AtomicInteger calls = new AtomicInteger();
    InboxStep inbox = new InboxStep("inbox-a", (conn, event) -> {
      calls.incrementAndGet();
      return Future.succeededFuture(Outcome.applied("done"));
    });
    PendingEvent event = ChainEvents.pending(vertx, ChainEvents.answering("unused"));

    Outcome first = Await.result(pool.withTransaction(conn -> inbox.apply(conn, event)));
    Outcome second = Await.result(pool.withTransaction(conn -> inbox.apply(conn, event)));

    assertThat(first).isEqualTo(Outcome.applied("done"));
    assertThat(second).isEqualTo(Outcome.DUPLICATE);
    assertThat(calls).hasValue(1);
    pool.close();
  }

  @Test
  @DisplayName("the inbox row rolls back with a failed handler, so the redelivered event is applied")
  void rowRollsBackWithTheEffect(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    PendingEvent event = ChainEvents.pending(vertx, ChainEvents.answering("unused"));
    InboxStep failing = new InboxStep("inbox-b", (conn, e) -> Future.failedFuture(new IllegalStateException("boom")));
    InboxStep working = new InboxStep("inbox-b", (conn, e) -> Future.succeededFuture(Outcome.applied(1)));

    Await.failure(pool.withTransaction(conn -> failing.apply(conn, event)));
    assertThat(ChainEvents.count(pool, "SELECT count(*) FROM processed_events WHERE consumer = 'inbox-b'")).isZero();

    Outcome redelivered = Await.result(pool.withTransaction(conn -> working.apply(conn, event)));
    assertThat(redelivered).isEqualTo(Outcome.applied(1));
    assertThat(ChainEvents.count(pool, "SELECT count(*) FROM processed_events WHERE consumer = 'inbox-b'")).isOne();
    pool.close();
  }
}
