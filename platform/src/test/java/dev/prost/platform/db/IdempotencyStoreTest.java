package dev.prost.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Idempotency store (inbox)")
class IdempotencyStoreTest {

  private static final ServiceSchema SCHEMA = ServiceSchema.of("cart");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("50 concurrent transactions recording one event id: exactly one sees it as new")
  void concurrentRecordIfAbsent(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    Pool pool = ServicePool.create(vertx, db.config().withDatabase(db.name()), SCHEMA);
    IdempotencyStore store = IdempotencyStore.create();
    UUID eventId = UUID.randomUUID();

    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      attempts.add(pool.withTransaction(conn -> store.recordIfAbsent(conn, "cart.projection", eventId)));
    }
    Await.result(Future.join(attempts));

    long fresh = attempts.stream().filter(Future::result).count();
    assertThat(fresh).isEqualTo(1);
    assertThat(attempts).allMatch(Future::succeeded);
    Await.result(pool.close());
  }

  @Test
  @DisplayName("a rolled-back transaction leaves no record, so the event is new again")
  void rollbackForgets(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
    IdempotencyStore store = IdempotencyStore.create();
    UUID eventId = UUID.randomUUID();

    Throwable failure = Await.failure(pool.withTransaction(conn -> store.recordIfAbsent(conn, "c", eventId)
        .compose(fresh -> Future.failedFuture(new IllegalStateException("handler failed")))));
    assertThat(failure).hasMessage("handler failed");

    assertThat(record(pool, store, "c", eventId)).isTrue();
    assertThat(record(pool, store, "c", eventId)).isFalse();
    // another consumer of the same event keeps its own record
    assertThat(record(pool, store, "other", eventId)).isTrue();
    Await.result(pool.close());
  }

  @Test
  @DisplayName("records older than the configured age are pruned, newer ones kept")
  void prune(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
    IdempotencyStore store = IdempotencyStore.create();
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    Await.result(pool.withTransaction(conn -> store.recordIfAbsent(conn, "prune", old)
        .compose(x -> store.recordIfAbsent(conn, "prune", recent))));
    Await.result(pool.preparedQuery(
            "UPDATE processed_events SET processed_at = now() - interval '8 days' WHERE event_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(old)));

    int pruned = Await.result(store.pruneOlderThan(pool, Duration.ofDays(7)));

    assertThat(pruned).isGreaterThanOrEqualTo(1);
    assertThat(record(pool, store, "prune", old)).isTrue();
    assertThat(record(pool, store, "prune", recent)).isFalse();
    Await.result(pool.close());
  }

  private static boolean record(Pool pool, IdempotencyStore store, String consumer, UUID eventId) {
    Boolean fresh = Await.result(pool.withTransaction(conn -> store.recordIfAbsent(conn, consumer, eventId)));
    return fresh;
  }
}
