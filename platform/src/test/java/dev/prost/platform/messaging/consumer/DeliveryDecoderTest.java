package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.logging.VertxContexts;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.messaging.Headers;
import dev.prost.platform.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Decoding step: poison messages straight to the dead-letter queue")
class DeliveryDecoderTest {

  private final Queue<PendingEvent> passed = new ConcurrentLinkedQueue<>();
  private final Queue<String> correlationIds = new ConcurrentLinkedQueue<>();
  private BrokerBench bench;
  private DeliveryDecoder decoder;

  @BeforeEach
  void open(Vertx vertx) {
    bench = new BrokerBench(vertx);
    EventHandlers handlers = EventHandlers.builder()
        .on(UserRegistered.class, (conn, envelope, event) -> Future.succeededFuture())
        .build();
    decoder = new DeliveryDecoder("cart-settle", handlers, bench.settlement, event -> {
      correlationIds.add(String.valueOf(CorrelationIds.current()));
      passed.add(event);
    });
  }

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  @DisplayName("a decodable event with a handler goes on, its context tagged with its correlation id")
  void decodedEventGoesOn(Vertx vertx) {
    UUID correlationId = UUID.randomUUID();
    Delivery delivery = bench.deliver(EventEnvelope.first("users", correlationId,
        new UserRegistered(UUID.randomUUID(), "a@example.org", "A")));

    accept(delivery);

    await().atMost(Duration.ofSeconds(5)).until(() -> passed.size() == 1);
    assertThat(correlationIds).containsExactly(correlationId.toString());
    assertThat(passed.peek().delivery()).isSameAs(delivery);
  }

  @Test
  @DisplayName("malformed JSON is dead-lettered at once as a decode failure, and goes no further")
  void malformedJson() {
    accept(bench.deliver("{not json".getBytes(StandardCharsets.UTF_8)));

    assertThat(deadLettered().getProps().getHeaders().get(Headers.FAILURE_KIND).toString()).isEqualTo("decode");
    assertThat(passed).isEmpty();
  }

  @Test
  @DisplayName("an event type the consumer has no handler for is dead-lettered as permanent")
  void unhandledType() {
    accept(bench.deliver(EventEnvelope.first("orders", UUID.randomUUID(),
        new dev.prost.platform.events.OrderFailed(UUID.randomUUID(), UUID.randomUUID(), "test"))));

    GetResponse copy = deadLettered();
    assertThat(copy.getProps().getHeaders().get(Headers.FAILURE_KIND).toString()).isEqualTo("permanent");
    assertThat(copy.getProps().getHeaders().get(Headers.REASON).toString()).contains("no handler for OrderFailed");
    assertThat(passed).isEmpty();
  }

  // as the consumer does: on a fresh duplicate of its context, one per delivery
  private void accept(Delivery delivery) {
    Context eventContext = VertxContexts.duplicate(bench.context);
    eventContext.runOnContext(v -> decoder.accept(delivery, eventContext));
  }

  private GetResponse deadLettered() {
    String dlq = bench.names.deadLetterQueue(bench.subscription);
    await().atMost(Duration.ofSeconds(10)).until(() -> bench.ready(dlq) == 1);
    return Await.result(bench.channel.call(raw -> raw.basicGet(dlq, true)));
  }
}
