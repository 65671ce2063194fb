package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Metering step")
class MeteringStepTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MessagingMetrics metrics = new MessagingMetrics(registry, "cart");

  @Test
  @DisplayName("counts new and duplicate events of a committed group, and nothing of a rolled-back one")
  void countsWhatCommitted(Vertx vertx) {
    List<PendingEvent> group = List.of(pending(vertx), pending(vertx), pending(vertx));
    MeteringStep committed = new MeteringStep(metrics, "cart-m", events -> Future.succeededFuture(
        List.of(Outcome.applied(null), Outcome.DUPLICATE, Outcome.applied(null))));
    MeteringStep rolledBack = new MeteringStep(metrics, "cart-m", events -> Future.failedFuture("rolled back"));

    Await.result(committed.apply(group));
    Await.failure(rolledBack.apply(group));

    assertThat(count("prost.events.consumed")).isEqualTo(2);
    assertThat(count("prost.events.duplicates")).isEqualTo(1);
  }

  private double count(String name) {
    return registry.find(name).tag("consumer", "cart-m").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static PendingEvent pending(Vertx vertx) {
    return ChainEvents.pending(vertx, ChainEvents.answering(null));
  }
}
