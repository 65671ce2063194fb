package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
