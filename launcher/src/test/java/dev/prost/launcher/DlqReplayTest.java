package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.launcher.OperatorFixture.Result;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("prost dlq replay")
class DlqReplayTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private OperatorFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @DisplayName("after the fix, a message the broken handler dead-lettered is applied once, an already applied one "
      + "is dropped by the inbox, and the dry run predicted both without changing anything")
  void replayAfterFix(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);
    assertThat(fixture.prost("topology", "declare").exitCode()).isZero();
    EventEnvelope lost = fixture.event(UUID.randomUUID());
    EventEnvelope applied = fixture.event(UUID.randomUUID());
    fixture.deadLetter(List.of(lost, applied));

    // the fix is deployed; the relay had published `applied` twice (a confirm timed out), and the
    // second copy reached the fixed handler
    fixture.startFixedConsumer();
    fixture.publish(applied);
    await().atMost(PATIENCE).until(() -> fixture.effects(applied) == 1);
    List<String> before = fixture.deadLetterIds();
    // another service subscribing to the same events from now on: a replay is none of its business
    String bystander = fixture.bindBystander();

    Result dryRun = fixture.prost("dlq", "replay", "--queue", fixture.dlq, "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(line(dryRun.out(), lost)).contains("would apply");
    assertThat(line(dryRun.out(), applied)).contains("would be dropped by the inbox");
    assertThat(dryRun.out()).contains("dry run: 1 would apply, 1 would be dropped by the inbox");
    assertThat(fixture.deadLetterIds()).isEqualTo(before);
    assertThat(fixture.effects(lost)).isZero();
    assertThat(fixture.audit()).isEmpty();

    // the queue may be named without the namespace
    String withoutNamespace = fixture.dlq.substring(fixture.config.namespace().length() + 1);
    Result replay = fixture.prost("dlq", "replay", "--queue", withoutNamespace);
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("2 replayed, 0 kept in the queue; 2 audit rows written");

    await().atMost(PATIENCE).until(() -> fixture.effects(lost) == 1 && fixture.duplicatesDropped() == 1);
    assertThat(fixture.effects(applied)).isEqualTo(1);
    assertThat(fixture.depth(fixture.dlq)).isZero();
    assertThat(fixture.depth(bystander)).as("replays reaching another consumer").isZero();
    assertThat(fixture.audit()).hasSize(2).allSatisfy(row -> {
      assertThat(row).containsEntry("action", "replay").containsEntry("operator", OperatorFixture.OPERATOR)
          .containsEntry("event_type", "UserRegistered")
          .containsEntry("reason", "PermanentFailure: handler bug")
          .containsEntry("outcome", "replayed to " + TopologyNames.workQueueOf(fixture.dlq));
    });
    assertThat(fixture.audit()).extracting(row -> row.get("event_id")).containsExactlyElementsOf(before);
  }

  @Test
  @DisplayName("--correlation-id and --limit select the oldest matching messages; the others stay, in order; "
      + "purges are audited too")
  void selection(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);
    UUID checkout = UUID.randomUUID();
    fixture.deadLetter(List.of(fixture.event(checkout), fixture.event(UUID.randomUUID()), fixture.event(checkout),
        fixture.event(UUID.randomUUID()), fixture.event(UUID.randomUUID())));
    List<String> before = fixture.deadLetterIds();

    Result dryRun = fixture.prost("dlq", "purge", "--queue", fixture.dlq, "--correlation-id", checkout.toString(),
        "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("dry run: 2 message(s) would be purged");
    assertThat(fixture.deadLetterIds()).isEqualTo(before);

    Result purge = fixture.prost("dlq", "purge", "--queue", fixture.dlq, "--correlation-id", checkout.toString());
    assertThat(purge.exitCode()).as(purge.err()).isZero();
    List<String> afterPurge = fixture.deadLetterIds();
    assertThat(afterPurge).hasSize(3).isSubsetOf(before);
    assertThat(before).containsSubsequence(afterPurge);
    assertThat(fixture.audit()).hasSize(2).allSatisfy(row -> assertThat(row)
        .containsEntry("action", "purge").containsEntry("correlation_id", checkout.toString())
        .containsEntry("outcome", "purged"));

    fixture.startFixedConsumer();
    Result replay = fixture.prost("dlq", "replay", "--queue", fixture.dlq, "--limit", "1", "--operator", "ada");
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("1 replayed");
    assertThat(fixture.deadLetterIds()).isEqualTo(afterPurge.subList(1, 3));
    assertThat(fixture.audit()).hasSize(3).last().satisfies(row -> assertThat(row)
        .containsEntry("action", "replay").containsEntry("event_id", afterPurge.get(0))
        .containsEntry("operator", "ada"));

    Result purgeAll = fixture.prost("dlq", "purge", "--queue", fixture.dlq);
    assertThat(purgeAll.exitCode()).as(purgeAll.err()).isZero();
    assertThat(purgeAll.out()).contains("2 purged, 0 kept in the queue; 2 audit rows written");
    assertThat(fixture.depth(fixture.dlq)).isZero();
    // the checkout's two purges, the replay, the last two purges: each message once, in queue order
    List<String> checkoutIds = before.stream().filter(id -> !afterPurge.contains(id)).toList();
    assertThat(fixture.audit()).extracting(row -> row.get("event_id")).containsExactly(
        checkoutIds.get(0), checkoutIds.get(1), afterPurge.get(0), afterPurge.get(1), afterPurge.get(2));
  }

  @Test
  @DisplayName("a message the broker cannot route (its queue is gone) stays in the queue, audited as kept, "
      + "and the replay exits non-zero")
  void unroutableReplayIsKept(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);
    EventEnvelope event = fixture.event(UUID.randomUUID());
    fixture.deadLetter(List.of(event));
    fixture.stopConsumer();
    fixture.deleteWorkQueue();

    Result replay = fixture.prost("dlq", "replay", "--queue", fixture.dlq);
    assertThat(replay.exitCode()).isEqualTo(1);
    assertThat(line(replay.out(), event)).contains("kept: there is no queue " + TopologyNames.workQueueOf(fixture.dlq));
    assertThat(replay.err().lines()).singleElement().asString()
        .isEqualTo("prost dlq replay: 1 selected message(s) could not be replayed and stay in the queue");
    assertThat(fixture.deadLetterIds()).containsExactly(event.metadata().eventId().toString());
    assertThat(fixture.audit()).singleElement().satisfies(row -> assertThat(row)
        .containsEntry("action", "replay")
        .containsEntry("outcome", "kept: there is no queue " + TopologyNames.workQueueOf(fixture.dlq)));
  }

  @Test
  @DisplayName("an unknown queue, a bad limit and a broker that is down each end with one line and a non-zero status")
  void errors(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);

    Result unknown = fixture.prost("dlq", "replay", "--queue", "nope.dlq");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().lines()).singleElement().asString()
        .startsWith("prost dlq replay: unknown dead-letter queue 'nope.dlq'").contains(fixture.dlq);

    Result limit = fixture.prost("dlq", "purge", "--queue", fixture.dlq, "--limit", "0");
    assertThat(limit.exitCode()).isEqualTo(2);
    assertThat(limit.err().lines()).singleElement().asString().contains("--limit must be at least 1");

    Result down = fixture.prost(Map.of("PROST_AMQP_URI", "amqp://guest:guest@127.0.0.1:1"), "dlq", "list");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err().lines()).singleElement().asString()
        .startsWith("prost dlq list: could not reach RabbitMQ at 127.0.0.1:1");
  }

  private static String line(String output, EventEnvelope event) {
    return output.lines().filter(l -> l.startsWith(event.metadata().eventId().toString())).findFirst().orElseThrow();
  }
}
