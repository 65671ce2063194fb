package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("After-commit step")
class AfterCommitStepTest {

  private final Queue<Object> handedOver = new ConcurrentLinkedQueue<>();

  @Test
  @DisplayName("runs for each new event with the handler's result, never for a duplicate")
  void runsForNewEventsWithTheResult(Vertx vertx) {
    PendingEvent fresh = ChainEvents.pending(vertx, recording());
    PendingEvent duplicate = ChainEvents.pending(vertx, recording());
    AfterCommitStep step = new AfterCommitStep(events -> Future.succeededFuture(
        List.of(Outcome.applied("reserved 3"), Outcome.DUPLICATE)));

    Await.result(step.apply(List.of(fresh, duplicate)));

    await().atMost(Duration.ofSeconds(5)).until(() -> !handedOver.isEmpty());
    settle(fresh, duplicate);
    assertThat(handedOver).containsExactly("reserved 3");
  }

  @Test
  @DisplayName("runs nothing when the transaction rolled back")
  void nothingAfterARollback(Vertx vertx) {
    PendingEvent event = ChainEvents.pending(vertx, recording());
    AfterCommitStep step = new AfterCommitStep(events -> Future.failedFuture(new IllegalStateException("rolled back")));

    assertThat(Await.failure(step.apply(List.of(event)))).hasMessage("rolled back");

    settle(event);
    assertThat(handedOver).isEmpty();
  }

  @Test
  @DisplayName("runs the table's group step once per commit, with every new event's result in delivery order")
  void groupStepOncePerCommit(Vertx vertx) {
    Queue<List<Object>> groups = new ConcurrentLinkedQueue<>();
    EventHandlers.GroupAfterCommit once = results -> {
      groups.add(results);
      return Future.succeededFuture();
    };
    PendingEvent first = ChainEvents.pending(vertx, recording());
    PendingEvent duplicate = ChainEvents.pending(vertx, recording());
    PendingEvent third = ChainEvents.pending(vertx, recording());
    PendingEvent noResult = ChainEvents.pending(vertx, ChainEvents.answering(null));
    AfterCommitStep step = new AfterCommitStep(once, events -> Future.succeededFuture(List.of(
        Outcome.applied(List.of("a", "b")), Outcome.DUPLICATE, Outcome.applied(List.of("c")), Outcome.applied(null))));

    Await.result(step.apply(List.of(first, duplicate, third, noResult)));

    await().atMost(Duration.ofSeconds(5)).until(() -> !groups.isEmpty());
    settle(first, duplicate, third, noResult);
    assertThat(groups).singleElement().asList().containsExactly(List.of("a", "b"), List.of("c"), null);
    assertThat(handedOver).as("each event's own step still runs").containsExactly(List.of("a", "b"), List.of("c"));
  }

  @Test
  @DisplayName("runs no group step after a rollback, nor for a commit of duplicates only")
  void noGroupStepWithoutNewEvents(Vertx vertx) {
    Queue<List<Object>> groups = new ConcurrentLinkedQueue<>();
    EventHandlers.GroupAfterCommit once = results -> {
      groups.add(results);
      return Future.succeededFuture();
    };
    PendingEvent event = ChainEvents.pending(vertx, recording());
    AfterCommitStep duplicates = new AfterCommitStep(once, events -> Future.succeededFuture(List.of(Outcome.DUPLICATE)));
    AfterCommitStep rolledBack = new AfterCommitStep(once,
        events -> Future.failedFuture(new IllegalStateException("rolled back")));

    Await.result(duplicates.apply(List.of(event)));
    Await.failure(rolledBack.apply(List.of(event)));

    settle(event);
    assertThat(groups).isEmpty();
  }

  private dev.prost.platform.messaging.EventHandler recording() {
    return ChainEvents.handler((conn, envelope, event) -> Future.succeededFuture("unused"),
        (envelope, event, result) -> {
          handedOver.add(result);
          return Future.succeededFuture();
        });
  }

  // an after-commit step is queued on its event's context: once a later task there ran, it has run too
  private static void settle(PendingEvent... events) {
    for (PendingEvent event : events) {
      Promise<Void> marker = Promise.promise();
      event.context().runOnContext(v -> marker.complete());
      Await.result(marker.future());
    }
  }
}
