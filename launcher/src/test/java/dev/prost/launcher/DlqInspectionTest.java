package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.launcher.OperatorFixture.Result;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("prost dlq list and show")
class DlqInspectionTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private OperatorFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @ParameterizedTest(name = "{0} queues")
  @ValueSource(strings = {"quorum", "classic"})
  @DisplayName("show prints messages in full and loses none: the queue holds the same messages, in order, after")
  void showLosesNothing(String queueType, Vertx vertx) {
    fixture = new OperatorFixture(vertx, db, queueType);
    List<EventEnvelope> events = List.of(fixture.event(UUID.randomUUID()), fixture.event(UUID.randomUUID()),
        fixture.event(UUID.randomUUID()));
    fixture.deadLetter(events);
    List<String> before = fixture.deadLetterIds();

    Result show = fixture.prost("dlq", "show", "--queue", fixture.dlq);
    assertThat(show.exitCode()).as(show.err()).isZero();
    for (EventEnvelope event : events) {
      assertThat(show.out()).contains("event id         " + event.metadata().eventId(),
          "correlation id   " + event.metadata().correlationId(), "\"event_id\" : \"" + event.metadata().eventId());
    }
    assertThat(show.out()).contains("reason           PermanentFailure: handler bug", "x-prost-attempts: 1",
        "first published  " + fixture.names.exchange("users") + " user.registered",
        "3 message(s); the queue is unchanged");

    Result limited = fixture.prost("dlq", "show", "--queue", fixture.dlq, "--limit", "2");
    assertThat(limited.out()).contains("--- message 2 of 2 ---", "2 message(s)").doesNotContain(before.get(2));
    for (int i = 0; i < 3; i++) {
      assertThat(fixture.prost("dlq", "show", "--queue", fixture.dlq).exitCode()).isZero();
    }
    assertThat(fixture.deadLetterIds()).isEqualTo(before);
    assertThat(fixture.depth(fixture.dlq)).isEqualTo(3);
  }

  @Test
  @DisplayName("list counts every dead-letter queue of the namespace; with --queue and --correlation-id it lists "
      + "that checkout's messages with type, reason and time")
  void list(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);
    assertThat(fixture.prost("topology", "declare").exitCode()).isZero();
    UUID checkout = UUID.randomUUID();
    EventEnvelope mine = fixture.event(checkout);
    fixture.deadLetter(List.of(mine, fixture.event(UUID.randomUUID())));

    Result all = fixture.prost("dlq", "list");
    assertThat(all.exitCode()).as(all.err()).isZero();
    List<String> rows = all.out().lines().filter(l -> l.startsWith(fixture.config.namespace() + ".")).toList();
    assertThat(rows).hasSize(ProstTopology.deadLetterQueues(fixture.config).size()).hasSize(8);
    assertThat(rows).filteredOn(l -> l.startsWith(fixture.dlq + " ")).singleElement().asString()
        .matches(".*\\s2\\s+cart\\s+cart_schema");
    assertThat(all.out()).contains("2 message(s) in 8 dead-letter queues");

    Result one = fixture.prost("dlq", "list", "--queue", fixture.dlq, "--correlation-id", checkout.toString());
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(one.out().lines().filter(l -> l.contains("UserRegistered")).toList()).singleElement().asString()
        .startsWith(mine.metadata().eventId() + "  UserRegistered  " + checkout)
        .contains("PermanentFailure: handler bug");
    assertThat(fixture.depth(fixture.dlq)).isEqualTo(2);
  }
}
