package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.messaging.PermanentFailure;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Commit grouping: one transaction per group, one by one when it rolls back")
class CommitGroupingTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a group that commits is acked together; one that rolls back is applied one by one, and only"
      + " its bad event is dead-lettered")
  void fallsBackOneByOne(Vertx vertx) {
    Pool pool = ChainEvents.migratedPool(vertx, db);
    try (BrokerBench bench = new BrokerBench(vertx)) {
      EventStep handler = (conn, event) -> event.envelope().<UserRegistered>eventAs(UserRegistered.class).name()
          .equals("poison")
          ? Future.failedFuture(new PermanentFailure("poison"))
          : conn.preparedQuery("INSERT INTO chain_effects (event_id) VALUES ($1)")
              .execute(Tuple.of(event.meta().eventId())).map(rows -> Outcome.applied(null));
      CommitGrouping grouping = new CommitGrouping(
          new TransactionStep(pool, bench.context, new InboxStep("cart-group", handler)), bench.settlement);

      List<PendingEvent> good = List.of(pending(vertx, bench, "a"), pending(vertx, bench, "b"));
      bench.on(() -> grouping.apply(good));
      List<PendingEvent> mixed = List.of(pending(vertx, bench, "c"), pending(vertx, bench, "poison"),
          pending(vertx, bench, "d"));
      bench.on(() -> grouping.apply(mixed));

      assertThat(ChainEvents.count(pool, "SELECT count(*) FROM chain_effects WHERE event_id IN " + ids(good, mixed)))
          .isEqualTo(4);
      assertThat(bench.ready(bench.names.deadLetterQueue(bench.subscription))).isOne();
      bench.on(() -> bench.channel.call(raw -> {
        raw.basicRecover(true);
        return null;
      }));
      assertThat(bench.ready(bench.names.workQueue(bench.subscription))).isZero();
      assertThat(bench.on(() -> Future.succeededFuture(bench.inFlight.count()))).isZero();
    } finally {
      pool.close();
    }
  }

  private static PendingEvent pending(Vertx vertx, BrokerBench bench, String name) {
    EventEnvelope envelope = EventEnvelope.first("users", UUID.randomUUID(),
        new UserRegistered(UUID.randomUUID(), name + "@example.org", name));
    PendingEvent decoded = ChainEvents.pending(vertx, ChainEvents.answering(null));
    return new PendingEvent(bench.deliver(envelope), envelope, decoded.handler(), decoded.context());
  }

  private static String ids(List<PendingEvent> first, List<PendingEvent> second) {
    List<String> ids = new ArrayList<>();
    for (List<PendingEvent> group : List.of(first, second)) {
      group.forEach(event -> ids.add("'" + event.meta().eventId() + "'"));
    }
    return "(" + String.join(", ", ids) + ")";
  }
}
