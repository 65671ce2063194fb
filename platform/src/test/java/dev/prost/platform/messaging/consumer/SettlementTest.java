package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.prost.platform.messaging.Headers;

import dev.prost.platform.messaging.PermanentFailure;
import dev.prost.platform.messaging.TransientFailure;
import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Settlement: ack, retry or dead-letter, through the real broker")
class SettlementTest {

  private BrokerBench bench;

  @BeforeEach
  void open(Vertx vertx) {
    bench = new BrokerBench(vertx);
  }

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  @DisplayName("a transient failure: a copy goes round the retry queue back to the work queue, and the original"
      + " is acked")
  void transientGoesToRetry(Vertx vertx) {
    PendingEvent event = pending(vertx, bench.deliver(new byte[] {'{', '}'}));

    bench.on(() -> bench.settlement.settle(event, Future.failedFuture(new TransientFailure("db restarting"))));
    unackedBackInWorkQueue();

    String workQueue = bench.names.workQueue(bench.subscription);
    // the copy waits out its delay in the retry queue, then the broker dead-letters it back
    await().atMost(Duration.ofSeconds(30)).until(() -> bench.ready(bench.names.retryQueue(bench.subscription)) == 0
        && bench.ready(workQueue) == 1);
    GetResponse only = Await.result(bench.channel.call(raw -> raw.basicGet(workQueue, true)));
    assertThat(only.getProps().getHeaders().get(Headers.ATTEMPTS)).isEqualTo(1);
    assertThat(bench.ready(workQueue)).isZero();
    assertThat(bench.on(() -> Future.succeededFuture(bench.inFlight.count()))).isZero();
  }

  @Test
  @DisplayName("a permanent failure: the copy is in the dead-letter queue, and the original is acked")
  void permanentGoesToTheDlq(Vertx vertx) {
    PendingEvent event = pending(vertx, bench.deliver(new byte[] {'{', '}'}));

    bench.on(() -> bench.settlement.settle(event, Future.failedFuture(new PermanentFailure("rule broken"))));

    assertThat(bench.ready(bench.names.deadLetterQueue(bench.subscription))).isOne();
    assertThat(bench.ready(bench.names.retryQueue(bench.subscription))).isZero();
    assertThat(unackedBackInWorkQueue()).isZero();
  }

  @Test
  @DisplayName("when the copy cannot be confirmed, the original is requeued, never dropped")
  void failedSettlementRequeues(Vertx vertx) {
    PendingEvent event = pending(vertx, bench.deliver(new byte[] {'{', '}'}));
    bench.closePublisher();

    bench.on(() -> bench.settlement.settle(event, Future.failedFuture(new TransientFailure("db restarting"))));

    assertThat(bench.ready(bench.names.workQueue(bench.subscription))).isOne();
    assertThat(bench.ready(bench.names.retryQueue(bench.subscription))).isZero();
  }

  // basic.recover requeues whatever the bench's channel still holds unacked
  private long unackedBackInWorkQueue() {
    bench.on(() -> bench.channel.call(raw -> {
      raw.basicRecover(true);
      return null;
    }));
    return bench.ready(bench.names.workQueue(bench.subscription));
  }

  private static PendingEvent pending(Vertx vertx, Delivery delivery) {
    PendingEvent decoded = ChainEvents.pending(vertx, ChainEvents.answering(null));
    return new PendingEvent(delivery, decoded.envelope(), decoded.handler(), decoded.context());
  }
}
