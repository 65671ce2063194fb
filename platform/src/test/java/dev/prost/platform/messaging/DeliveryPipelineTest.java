package dev.prost.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Delivery pipeline: outbox → relay → broker → consumer")
class DeliveryPipelineTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private PipelineFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @DisplayName("an event appended to the outbox reaches the handler once, even when delivered three times")
  void exactlyOnceEffect(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config());
    ServiceMessaging producer = fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());
    EventEnvelope event = fixture.emit(1).get(0);
    await().atMost(PATIENCE).until(() -> fixture.effects() == 1 && fixture.unpublished() == 0);

    // the same message twice more, as a broker redelivery or a relay crash would produce
    String body = fixture.codec.encodeToString(event);
    for (int i = 0; i < 2; i++) {
      fixture.publishRaw(producer, "user.registered", body, "UserRegistered");
    }

    await().atMost(PATIENCE).until(() -> fixture.counter("prost.events.duplicates") == 2);
    assertThat(fixture.effects()).isEqualTo(1);
    assertThat(fixture.appliedTwice()).isZero();
    assertThat(fixture.inboxRows()).isEqualTo(1);
  }

  @Test
  @DisplayName("an after-commit step runs once per applied event, after its commit, with the handler's result,"
      + " and never for a duplicate")
  void afterCommitRunsOnce(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config());
    ServiceMessaging producer = fixture.startProducer();
    AtomicInteger after = new AtomicInteger();
    AtomicInteger committedBefore = new AtomicInteger(-1);
    java.util.concurrent.atomic.AtomicReference<java.util.UUID> handedOver = new java.util.concurrent.atomic.AtomicReference<>();
    fixture.startConsumer(EventHandlers.builder()
        .on(dev.prost.platform.events.UserRegistered.class, (conn, envelope, event) -> conn
            .preparedQuery("INSERT INTO effects (consumer, event_id) VALUES ($1, $2)")
            .execute(io.vertx.sqlclient.Tuple.of(fixture.consumer, envelope.metadata().eventId()))
            .map(rows -> event.userId()),
            (envelope, event, userId) -> fixture.cartPool
            // the effect is visible from another connection: the transaction has committed
            .query("SELECT count(*) FROM effects WHERE consumer = '" + fixture.consumer + "'").execute()
            .map(rows -> {
              committedBefore.set(rows.iterator().next().getInteger(0));
              handedOver.set(userId);
              after.incrementAndGet();
              return null;
            }))
        .build());
    EventEnvelope event = fixture.emit(1).get(0);
    await().atMost(PATIENCE).until(() -> after.get() == 1);
    fixture.publishRaw(producer, "user.registered", fixture.codec.encodeToString(event), "UserRegistered");

    await().atMost(PATIENCE).until(() -> fixture.counter("prost.events.duplicates") == 1);
    assertThat(after).hasValue(1);
    assertThat(committedBefore).hasValue(1);
    assertThat(handedOver).hasValue(event.eventAs(dev.prost.platform.events.UserRegistered.class).userId());
  }

  @Test
  @DisplayName("every log line written while handling an event carries its correlation id in the MDC")
  void correlationIdInMdc(Vertx vertx) {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("test.handler");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    fixture = new PipelineFixture(vertx, db, TestNamespace.config());
    ServiceMessaging producer = fixture.startProducer();
    // a backlog waiting in the (declared) queue before the consumer starts: deliveries arrive
    // in a burst and share transactions
    Await.result(ServiceMessaging.declare(producer.connection(), fixture.config, fixture.consumerTopology));
    List<EventEnvelope> events = fixture.emit(20);
    await().atMost(PATIENCE).until(() -> fixture.unpublished() == 0);
    // log before and after an asynchronous round trip, while other events interleave on the event loop
    fixture.startConsumer(fixture.countingHandlers((conn, envelope) -> {
      logger.info("applying {}", envelope.metadata().eventId());
      return conn.query("SELECT pg_sleep(0.01)").execute()
          .onSuccess(rows -> logger.info("applied {}", envelope.metadata().eventId()))
          .mapEmpty();
    }));

    await().atMost(PATIENCE).until(() -> fixture.effects() == 20);
    logger.detachAppender(captured);
    Map<String, String> correlationByEvent = events.stream().collect(Collectors.toMap(
        e -> e.metadata().eventId().toString(), e -> e.metadata().correlationId().toString()));
    assertThat(captured.list).hasSize(40).allSatisfy(line -> {
      String eventId = line.getFormattedMessage().split(" ")[1];
      assertThat(line.getMDCPropertyMap()).containsEntry("correlation_id", correlationByEvent.get(eventId));
    });
  }

  @Test
  @DisplayName("a handler failing transiently twice succeeds on the third attempt, with a single effect")
  void transientFailuresAreRetried(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config(Map.of("PROST_RETRY_MAX_ATTEMPTS", "5")));
    Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers((conn, envelope) ->
        calls.computeIfAbsent(envelope.metadata().eventId(), id -> new AtomicInteger()).incrementAndGet() <= 2
            ? Future.failedFuture(new TransientFailure("database hiccup", null))
            : Future.succeededFuture()));

    EventEnvelope event = fixture.emit(1).get(0);

    await().atMost(PATIENCE).until(() -> fixture.effects() == 1);
    assertThat(calls.get(event.metadata().eventId())).hasValue(3);
    assertThat(fixture.appliedTwice()).isZero();
    assertThat(fixture.counter("prost.events.retried")).isEqualTo(2);
  }

  @Test
  @DisplayName("a handler that always fails ends in the DLQ after the configured attempts, with the reason")
  void exhaustedRetriesDeadLetter(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config(Map.of("PROST_RETRY_MAX_ATTEMPTS", "3")));
    AtomicInteger calls = new AtomicInteger();
    fixture.startProducer();
    ServiceMessaging consumer = fixture.startConsumer(fixture.countingHandlers((conn, envelope) -> {
      calls.incrementAndGet();
      return Future.failedFuture(new TransientFailure("payment provider unreachable", null));
    }));

    EventEnvelope event = fixture.emit(1).get(0);

    await().atMost(PATIENCE).until(() -> fixture.counter("prost.events.dead_lettered") == 1);
    List<GetResponse> dead = fixture.deadLetters(consumer);
    assertThat(dead).hasSize(1);
    Map<String, Object> headers = dead.get(0).getProps().getHeaders();
    assertThat(headers.get(Headers.ATTEMPTS)).isEqualTo(3);
    assertThat(headers.get(Headers.REASON).toString()).contains("payment provider unreachable");
    assertThat(headers.get(Headers.FAILURE_KIND).toString()).isEqualTo("transient");
    assertThat(headers.get(Headers.CONSUMER).toString()).isEqualTo(fixture.consumer);
    assertThat(headers.get(Headers.ORIGINAL_EXCHANGE).toString()).isEqualTo(fixture.names.exchange("users"));
    assertThat(headers.get(Headers.ORIGINAL_ROUTING_KEY).toString()).isEqualTo("user.registered");
    assertThat(dead.get(0).getProps().getMessageId()).isEqualTo(event.metadata().eventId().toString());
    assertThat(fixture.codec.decode(dead.get(0).getBody())).isEqualTo(event);
    assertThat(calls).hasValue(3);
    assertThat(fixture.effects()).isZero();
    assertThat(fixture.inboxRows()).isZero();
  }

  @Test
  @DisplayName("the relay publishes a commit at once when idle, and the commits of its pass interval together in one pass")
  void relayPassesAreSpaced(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config(Map.of("PROST_RELAY_PASS_INTERVAL", "5s")));
    fixture.startProducer();
    fixture.emit(1);
    await().atMost(PATIENCE).until(() -> fixture.unpublished() == 0);

    // five commits, each announced to the relay, within the interval of the pass that published the first
    for (int i = 0; i < 5; i++) {
      fixture.emit(1);
    }
    await().atMost(PATIENCE).until(() -> fixture.unpublished() == 0);
    var passes = fixture.registry.find("prost.outbox.pass.rows").tag("service", "users").summary();
    assertThat(passes.totalAmount()).isEqualTo(6);
    assertThat(passes.max()).as("rows of the busiest pass").isEqualTo(5);
  }

  @Test
  @DisplayName("the relay deletes a row in the pass that publishes it")
  void publishedRowsAreDeleted(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config());
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());
    List<EventEnvelope> events = fixture.emit(3);
    await().atMost(PATIENCE).until(() -> fixture.effects() == 3 && fixture.outboxRows(events, false) == 0);
  }

  @Test
  @DisplayName("with PROST_OUTBOX_RETENTION the relay keeps a row it published, stamped published_at")
  void publishedRowsAreKeptStamped(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config(Map.of("PROST_OUTBOX_RETENTION", "1h")));
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());
    List<EventEnvelope> events = fixture.emit(3);
    await().atMost(PATIENCE).until(() -> fixture.effects() == 3 && fixture.outboxRows(events, true) == 3);
  }

  @Test
  @DisplayName("events queued up share transactions; one failing event of a group is dead-lettered alone, the rest applied once")
  void commitGroupsIsolateFailures(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config());
    ServiceMessaging producer = fixture.startProducer();
    Await.result(ServiceMessaging.declare(producer.connection(), fixture.config, fixture.consumerTopology));
    List<EventEnvelope> events = fixture.emit(60);
    UUID poisoned = events.get(37).metadata().eventId();
    await().atMost(PATIENCE).until(() -> fixture.unpublished() == 0);

    ServiceMessaging consumer = fixture.startConsumer(fixture.countingHandlers((conn, envelope) ->
        envelope.metadata().eventId().equals(poisoned)
            ? Future.failedFuture(new PermanentFailure("line 37 is impossible"))
            : Future.succeededFuture()));

    await().atMost(PATIENCE).until(() -> fixture.effects() == 59 && fixture.counter("prost.events.dead_lettered") == 1);
    assertThat(fixture.registry.find("prost.events.group.size").summary().max()).isGreaterThan(1);
    assertThat(fixture.appliedTwice()).isZero();
    assertThat(fixture.inboxRows()).isEqualTo(59);
    assertThat(fixture.deadLetters(consumer)).singleElement()
        .satisfies(m -> assertThat(m.getProps().getMessageId()).isEqualTo(poisoned.toString()));
  }

  @Test
  @DisplayName("a rule violation is dead-lettered at once, without retries")
  void permanentFailureNotRetried(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config(Map.of("PROST_RETRY_MAX_ATTEMPTS", "5")));
    AtomicInteger calls = new AtomicInteger();
    fixture.startProducer();
    ServiceMessaging consumer = fixture.startConsumer(fixture.countingHandlers((conn, envelope) -> {
      calls.incrementAndGet();
      return Future.failedFuture(new PermanentFailure("cart already closed"));
    }));

    fixture.emit(1);

    await().atMost(PATIENCE).until(() -> fixture.counter("prost.events.dead_lettered") == 1);
    List<GetResponse> dead = fixture.deadLetters(consumer);
    assertThat(dead).singleElement().satisfies(message -> {
      assertThat(message.getProps().getHeaders().get(Headers.ATTEMPTS)).isEqualTo(1);
      assertThat(message.getProps().getHeaders().get(Headers.FAILURE_KIND).toString()).isEqualTo("permanent");
      assertThat(message.getProps().getHeaders().get(Headers.REASON).toString()).contains("cart already closed");
    });
    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName("malformed JSON and an unknown event type go to the DLQ without retries; the next messages are still consumed")
  void poisonMessagesDoNotBlock(Vertx vertx) {
    fixture = new PipelineFixture(vertx, db, TestNamespace.config());
    ServiceMessaging producer = fixture.startProducer();
    ServiceMessaging consumer = fixture.startConsumer(fixture.countingHandlers());

    fixture.publishRaw(producer, "user.registered", "{\"event_id\": not json", "UserRegistered");
    fixture.publishRaw(producer, "user.registered", """
        {"event_id":"%s","event_type":"UserDeleted","version":1,"correlation_id":"%s","causation_id":null,
         "timestamp":"2026-11-24T10:15:30.123Z","producer":"users","payload":{}}"""
        .formatted(UUID.randomUUID(), UUID.randomUUID()), "UserDeleted");
    fixture.emit(5);

    await().atMost(PATIENCE).until(() -> fixture.effects() == 5
        && fixture.counter("prost.events.dead_lettered") == 2);
    List<GetResponse> dead = fixture.deadLetters(consumer);
    assertThat(dead).hasSize(2).allSatisfy(message -> {
      assertThat(message.getProps().getHeaders().get(Headers.ATTEMPTS)).isEqualTo(1);
      assertThat(message.getProps().getHeaders().get(Headers.FAILURE_KIND).toString()).isEqualTo("decode");
    });
    Set<String> reasons = dead.stream()
        .map(message -> message.getProps().getHeaders().get(Headers.REASON).toString())
        .collect(Collectors.toSet());
    assertThat(reasons).anySatisfy(reason -> assertThat(reason).containsIgnoringCase("json"));
    assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("UserDeleted"));
    assertThat(new String(dead.get(0).getBody(), StandardCharsets.UTF_8)).isNotEmpty();
    assertThat(fixture.counter("prost.events.retried")).isZero();
  }
}
