package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Handler step")
class HandlerStepTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("calls the table's handler on the transaction's connection and keeps its result for after the commit")
  void keepsTheResult(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    PendingEvent event = ChainEvents.pending(vertx, ChainEvents.handler(
        (conn, envelope, registered) -> conn.query("SELECT 41 + 1").execute().map(rows -> rows.iterator().next()
            .getInteger(0)),
        (envelope, registered, result) -> Future.succeededFuture()));

    Outcome outcome = Await.result(pool.withTransaction(conn -> new HandlerStep().apply(conn, event)));

    assertThat(outcome).isEqualTo(Outcome.applied(42));
    pool.close();
  }
}
