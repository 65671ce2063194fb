package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.http.ProblemException;
import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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

  // a re-read an hour away: within a test, only the outcome handed over or the hold's end answers
  private static final Duration NEVER = Duration.ofHours(1);

  private final UUID orderId = UUID.randomUUID();
  private final AtomicReference<String> status = new AtomicReference<>("INITIATED");
  private final AtomicInteger reads = new AtomicInteger();
  private final Promise<Void> gone = Promise.promise();

  private Future<JsonObject> read() {
    reads.incrementAndGet();
    return Future.succeededFuture(view(status.get()));
  }

  private JsonObject view(String status) {
    return new JsonObject().put("order_id", orderId.toString()).put("status", status).putNull("reason");
  }

  @Test
  @DisplayName("the outcome handed over answers the request with it: one read in all, and the table is empty again")
  void answersWithTheHandedOverOutcome(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, NEVER, 100);
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1), this::read, gone.future());
    await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() == 1);
    assertThat(waits.size()).isEqualTo(1);
    assertThat(answer.isComplete()).isFalse();

    waits.ended(orderId, view("CONFIRMED"));

    assertThat(Await.result(answer).getString("status")).isEqualTo("CONFIRMED");
    assertThat(reads.get()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("an outcome handed over before the first read returned answers once that read shows the caller's checkout")
  void outcomeDuringTheFirstRead(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, NEVER, 100);
    Promise<JsonObject> firstRead = Promise.promise();
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1), firstRead::future, gone.future());

    waits.ended(orderId, view("FAILED"));
    firstRead.complete(view("INITIATED"));

    assertThat(Await.result(answer).getString("status")).isEqualTo("FAILED");
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("another checkout's outcome does not answer it; the hold's end answers with one last read")
  void answersInitiatedWhenTimeIsUp(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, NEVER, 100);
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMillis(500), this::read, gone.future());
    waits.ended(UUID.randomUUID(), view("CONFIRMED"));

    assertThat(Await.result(answer).getString("status")).isEqualTo("INITIATED");
    assertThat(reads.get()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("with no outcome handed over (another instance ended it), the slow re-read finds the end")
  void rereadFindsAnotherInstancesOutcome(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, Duration.ofMillis(100), 100);
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1), this::read, gone.future());
    await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() >= 1);

    status.set("CONFIRMED");

    assertThat(Await.result(answer).getString("status")).isEqualTo("CONFIRMED");
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("a checkout that already ended is answered by the first read")
  void endedAlready(Vertx vertx) {
    status.set("FAILED");
    CheckoutWaits waits = new CheckoutWaits(vertx);
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1), this::read, gone.future());

    assertThat(Await.result(answer).getString("status")).isEqualTo("FAILED");
    assertThat(reads.get()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("a failed read (another user's checkout) fails the request at once and holds nothing")
  void readFails(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx);
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1),
        () -> Future.failedFuture(new IllegalStateException("no checkout")), gone.future());

    assertThat(Await.failure(answer)).hasMessage("no checkout");
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("a client that goes away leaves the table at once, long before its hold is over")
  void clientGone(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, NEVER, 100);
    Future<JsonObject> answer = waits.until(orderId, Duration.ofMinutes(1), this::read, gone.future());
    await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() == 1);

    gone.complete();

    assertThat(Await.failure(answer)).isInstanceOf(CheckoutWaits.ClientGone.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
  }

  @Test
  @DisplayName("past its bound the table refuses a request with 503 and Retry-After; a freed place is usable again")
  void bounded(Vertx vertx) {
    CheckoutWaits waits = new CheckoutWaits(vertx, NEVER, 1);
    Future<JsonObject> first = waits.until(orderId, Duration.ofMinutes(1), this::read, gone.future());

    Throwable refused = Await.failure(waits.until(UUID.randomUUID(), Duration.ofMinutes(1), this::read,
        Promise.<Void>promise().future()));
    assertThat(refused).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) refused).problem().status()).isEqualTo(503);
    assertThat(((ProblemException) refused).retryAfterSeconds()).isEqualTo(1);

    waits.ended(orderId, view("CONFIRMED"));
    assertThat(Await.result(first).getString("status")).isEqualTo("CONFIRMED");
    await().atMost(Duration.ofSeconds(30)).until(() -> waits.size() == 0);
    status.set("FAILED");
    assertThat(Await.result(waits.until(orderId, Duration.ofMinutes(1), this::read, gone.future()))
        .getString("status")).isEqualTo("FAILED");
  }
}
