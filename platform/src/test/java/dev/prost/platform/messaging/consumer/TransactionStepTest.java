package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Transaction step (commit grouping)")
class TransactionStepTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a group commits in one transaction, its events applied in order, each under its own correlation id")
  void groupCommitsInOrder(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    Map<UUID, String> seenCorrelation = new ConcurrentHashMap<>();
    EventStep recording = (conn, event) -> {
      seenCorrelation.put(event.meta().eventId(), CorrelationIds.current());
      return conn.preparedQuery("INSERT INTO chain_effects (event_id) VALUES ($1)")
          .execute(Tuple.of(event.meta().eventId()))
          .map(rows -> Outcome.applied(event.meta().eventId()));
    };
    TransactionStep step = new TransactionStep(pool, vertx.getOrCreateContext(), recording);
    List<PendingEvent> group = List.of(pending(vertx), pending(vertx), pending(vertx));

    List<Outcome> outcomes = Await.result(step.apply(group));

    assertThat(outcomes).extracting(Outcome::result)
        .containsExactly(group.stream().map(e -> (Object) e.meta().eventId()).toArray());
    List<UUID> stored = Await.result(pool.query("SELECT event_id FROM chain_effects ORDER BY seq").execute()
        .map(rows -> {
          List<UUID> ids = new java.util.ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID(0)));
          return ids;
        }));
    assertThat(stored).containsExactlyElementsOf(group.stream().map(e -> e.meta().eventId()).toList());
    for (PendingEvent event : group) {
      assertThat(seenCorrelation.get(event.meta().eventId())).isEqualTo(event.meta().correlationId().toString());
    }
    pool.close();
  }

  @Test
  @DisplayName("one failing event rolls the whole group back, inbox rows included")
  void oneFailureRollsBackTheGroup(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    List<PendingEvent> group = List.of(pending(vertx), pending(vertx), pending(vertx));
    UUID poisoned = group.get(1).meta().eventId();
    EventStep handler = (conn, event) -> event.meta().eventId().equals(poisoned)
        ? Future.failedFuture(new IllegalStateException("poisoned"))
        : conn.preparedQuery("INSERT INTO chain_effects (event_id) VALUES ($1)")
            .execute(Tuple.of(event.meta().eventId())).map(rows -> Outcome.applied(null));
    TransactionStep step = new TransactionStep(pool, vertx.getOrCreateContext(), new InboxStep("tx-b", handler));

    assertThat(Await.failure(step.apply(group))).hasMessage("poisoned");

    String ids = "('" + group.get(0).meta().eventId() + "', '" + group.get(2).meta().eventId() + "')";
    assertThat(ChainEvents.count(pool, "SELECT count(*) FROM chain_effects WHERE event_id IN " + ids)).isZero();
    assertThat(ChainEvents.count(pool, "SELECT count(*) FROM processed_events WHERE consumer = 'tx-b'")).isZero();
    pool.close();
  }

  @Test
  @DisplayName("a group of several takes the group lock first, in its transaction; a lone event does not")
  void groupLockRunsFirstForGroups(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    EventHandlers.GroupLock lock = (conn, envelopes) -> {
      calls.add("lock " + envelopes.size());
      // on the group's connection: it sees the transaction (txid_current is stable inside it)
      return conn.query("SELECT txid_current()").execute()
          .map(rows -> {
            calls.add("tx " + rows.iterator().next().getLong(0));
            return null;
          });
    };
    EventStep recording = (conn, event) -> conn.query("SELECT txid_current()").execute()
        .map(rows -> {
          calls.add("tx " + rows.iterator().next().getLong(0));
          return Outcome.applied(null);
        });
    TransactionStep step = new TransactionStep(pool, vertx.getOrCreateContext(), lock, recording);

    Await.result(step.apply(List.of(pending(vertx), pending(vertx))));
    assertThat(calls).hasSize(4);
    assertThat(calls.get(0)).isEqualTo("lock 2");
    assertThat(calls.subList(1, 4)).as("lock and both events in one transaction").containsOnly(calls.get(1));

    calls.clear();
    Await.result(step.apply(List.of(pending(vertx))));
    assertThat(calls).hasSize(1).allMatch(call -> call.startsWith("tx "));
    pool.close();
  }

  private static PendingEvent pending(Vertx vertx) {
    return ChainEvents.pending(vertx, ChainEvents.answering(null));
  }
}
