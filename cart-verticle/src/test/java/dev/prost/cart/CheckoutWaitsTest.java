package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Held status requests")
class CheckoutWaitsTest {

  private final UUID orderId = UUID.randomUUID();
  private final AtomicReference<String> status = new AtomicReference<>("INITIATED");
  private final AtomicInteger reads = new AtomicInteger();

  private Future<JsonObject> read() {
    reads.incrementAndGet();
    return Future.succeededFuture(new JsonObject().put("order_id", orderId.toString()).put("status", status.get()));
  }

  @Test
  @DisplayName("the announcement of the ended checkout answers the request, with no re-read in between")
  void answersOnAnnouncement(Vertx vertx) {
    // a re-read an hour away: only the announcement can answer within the minute
    CheckoutWaits waits = new CheckoutWaits(vertx, Duration.ofHours(1));
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1), this::read);
    await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() == 1);
    assertThat(answer.isComplete()).isFalse();

    status.set("CONFIRMED");
    CheckoutWaits.announce(vertx, orderId);

    assertThat(Await.result(answer).getString("status")).isEqualTo("CONFIRMED");
    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("another checkout's announcement does not answer it; the wait running out answers INITIATED")
  void answersInitiatedWhenTimeIsUp(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, Duration.ofHours(1));
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMillis(500), this::read);
    CheckoutWaits.announce(vertx, UUID.randomUUID());

    assertThat(Await.result(answer).getString("status")).isEqualTo("INITIATED");
  }

  @Test
  @DisplayName("a checkout that already ended is answered by the first read")
  void endedAlready(Vertx vertx) {
    status.set("FAILED");
    Future<JsonObject> answer = new CheckoutWaits(vertx).until(orderId, Duration.ofMinutes(1), this::read);

    assertThat(Await.result(answer).getString("status")).isEqualTo("FAILED");
    assertThat(reads.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("a failed read (another user's checkout) fails the request at once")
  void readFails(Vertx vertx) {
    Future<JsonObject> answer = new CheckoutWaits(vertx).until(orderId, Duration.ofMinutes(1),
        () -> Future.failedFuture(new IllegalStateException("no checkout")));

    assertThat(Await.failure(answer)).hasMessage("no checkout");
  }
}
