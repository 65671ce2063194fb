package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("In-flight count (the drain on stop)")
class InFlightTest {

  @Test
  @DisplayName("the drain completes when the last delivery is settled, not before")
  void drainsAtZero(Vertx vertx) {
    InFlight inFlight = new InFlight();
    inFlight.enter();
    inFlight.enter();
    Future<Void> drained = inFlight.drained(vertx, Duration.ofMinutes(1));

    inFlight.leave(1);
    assertThat(drained.isComplete()).isFalse();
    inFlight.leave(1);
    assertThat(drained.succeeded()).isTrue();
  }

  @Test
  @DisplayName("the drain gives up after its patience when a delivery never settles")
  void boundedByPatience(Vertx vertx) {
    InFlight inFlight = new InFlight();
    inFlight.enter();

    long started = System.nanoTime();
    Await.result(inFlight.drained(vertx, Duration.ofMillis(200)));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(inFlight.count()).isOne();
  }

  @Test
  @DisplayName("nothing in flight: drained at once")
  void nothingInFlight(Vertx vertx) {
    assertThat(new InFlight().drained(vertx, Duration.ofMinutes(1)).succeeded()).isTrue();
  }
}
