package dev.prost.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.config.Env;
import dev.prost.platform.logging.VertxContexts;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import dev.prost.platform.tracing.SpanCollector;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
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
@DisplayName("Tracing of the delivery pipeline: publish and consumer spans, retries and dead-letters in the trace")
class TracingPipelineTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Map<String, String> FAST_RETRIES = Map.of(
      "PROST_RETRY_MAX_ATTEMPTS", "3", "PROST_RETRY_BASE_DELAY", "50ms", "PROST_RELAY_POLL_INTERVAL", "200ms");

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private SpanCollector collector;
  private Vertx traced;
  private PipelineFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
    if (traced != null) {
      Await.result(traced.close());
    }
    if (collector != null) {
      collector.close();
    }
  }

  private void startTraced(Vertx untraced, Map<String, String> config) {
    collector = new SpanCollector(untraced);
    traced = Tracing.vertx(Env.of(Map.of(
        "OTEL_TRACES_EXPORTER", "zipkin",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT", collector.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "100")), "test");
    fixture = new PipelineFixture(traced, db, TestNamespace.config(config));
  }

  @Test
  @DisplayName("a transiently failing handler: one consumer span per attempt, each a child of the publish span,"
      + " the failed ones with a retry event")
  void retriesInTheTrace(Vertx vertx) {
    startTraced(vertx, FAST_RETRIES);
    Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
    fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers((conn, envelope) ->
        calls.computeIfAbsent(envelope.metadata().eventId(), id -> new AtomicInteger()).incrementAndGet() <= 2
            ? Future.failedFuture(new TransientFailure("database hiccup", null))
            : Future.succeededFuture()));

    fixture.emit(1);

    await().atMost(PATIENCE).until(() -> consumerSpans().size() == 3);
    JsonObject publish = only(collector.spans().stream().filter(span -> "PRODUCER".equals(span.getString("kind")))
        .filter(span -> span.getString("name").startsWith("publish userregistered")).toList());
    assertThat(publish.getJsonObject("localEndpoint").getString("serviceName")).isEqualTo("users");
    List<JsonObject> attempts = consumerSpans();
    assertThat(attempts).allSatisfy(span -> {
      assertThat(span.getString("traceId")).isEqualTo(publish.getString("traceId"));
      assertThat(span.getString("parentId")).isEqualTo(publish.getString("id"));
      assertThat(span.getJsonObject("localEndpoint").getString("serviceName")).isEqualTo("cart");
    });
    assertThat(attempts.stream().filter(span -> annotations(span).stream().anyMatch(a -> a.contains("prost.retry"))))
        .hasSize(2);
    assertThat(attempts.stream().map(span -> span.getJsonObject("tags").getString("prost.attempt"))
        .collect(Collectors.toSet())).isEqualTo(Set.of("1", "2", "3"));
    // the handler's SQL ran inside the consumer spans
    Set<String> consumerIds = attempts.stream().map(span -> span.getString("id")).collect(Collectors.toSet());
    assertThat(collector.trace(publish.getString("traceId")))
        .anyMatch(span -> "CLIENT".equals(span.getString("kind")) && consumerIds.contains(span.getString("parentId")));
  }

  @Test
  @DisplayName("a poison message: its consumer span continues the sender's traceparent and shows the dead-letter"
      + " as an event and an error")
  void poisonInTheTrace(Vertx vertx) {
    startTraced(vertx, FAST_RETRIES);
    ServiceMessaging producer = fixture.startProducer();
    fixture.startConsumer(fixture.countingHandlers());
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String parent = "00f067aa0ba902b7";
    Await.result(producer.publisher().publish(new OutgoingMessage(fixture.names.exchange("users"),
        "user.registered", new com.rabbitmq.client.AMQP.BasicProperties.Builder().type("UserRegistered")
            .headers(Map.of("traceparent", "00-" + traceId + "-" + parent + "-01")).deliveryMode(2).build(),
        "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    await().atMost(PATIENCE).until(() -> !collector.trace(traceId).isEmpty());
    JsonObject span = only(collector.trace(traceId));
    assertThat(span.getString("kind")).isEqualTo("CONSUMER");
    assertThat(span.getString("parentId")).isEqualTo(parent);
    assertThat(annotations(span)).anyMatch(a -> a.contains("prost.dead_letter"));
    assertThat(span.getJsonObject("tags").getString("prost.failure.kind")).isEqualTo("decode");
    assertThat(span.getJsonObject("tags").containsKey("error")).isTrue();
  }

  @Test
  @DisplayName("every log line written while handling an event carries its consumer span's trace and span id,"
      + " also when events share a transaction")
  void traceIdsInMdc(Vertx vertx) {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("test.traced.handler");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    startTraced(vertx, FAST_RETRIES);
    ServiceMessaging producer = fixture.startProducer();
    // a backlog in the queue before the consumer starts: deliveries arrive in a burst and share transactions
    Await.result(ServiceMessaging.declare(producer.connection(), fixture.config, fixture.consumerTopology));
    fixture.emit(20);
    await().atMost(PATIENCE).until(() -> fixture.unpublished() == 0);
    fixture.startConsumer(fixture.countingHandlers((conn, envelope) -> {
      logger.info("applying {}", envelope.metadata().eventId());
      return conn.query("SELECT pg_sleep(0.01)").execute()
          .onSuccess(rows -> logger.info("applied {}", envelope.metadata().eventId()))
          .mapEmpty();
    }));

    await().atMost(PATIENCE).until(() -> fixture.effects() == 20 && consumerSpans().size() == 20);
    logger.detachAppender(captured);
    Map<String, JsonObject> spanByEvent = consumerSpans().stream().collect(Collectors.toMap(
        span -> span.getJsonObject("tags").getString("messaging.message.id"), span -> span));
    assertThat(captured.list).hasSize(40).allSatisfy(line -> {
      JsonObject span = spanByEvent.get(line.getFormattedMessage().split(" ")[1]);
      assertThat(line.getMDCPropertyMap())
          .containsEntry("trace_id", span.getString("traceId"))
          .containsEntry("span_id", span.getString("id"));
    });
  }

  @Test
  @DisplayName("with tracing off no tracer is installed, no span records, and outbox rows carry no trace context")
  void offMeansNothing(Vertx vertx) {
    assertThat(Tracing.create(Env.of(Map.of())).enabled()).isFalse();
    assertThat(Tracing.of(vertx).enabled()).isFalse();
    assertThat(Tracing.of(vertx).tracer("users").spanBuilder("x").startSpan().isRecording()).isFalse();
    Vertx plain = Tracing.vertx(Env.of(Map.of()), "test");
    try {
      assertThat(VertxContexts.tracer(plain)).isNull();
      fixture = new PipelineFixture(plain, db, TestNamespace.config(FAST_RETRIES));
      fixture.startProducer();
      fixture.startConsumer(fixture.countingHandlers());
      fixture.emit(3);
      await().atMost(PATIENCE).until(() -> fixture.effects() == 3 && fixture.unpublished() == 0);
      long traced = Await.result(fixture.usersPool.query("SELECT count(*) FROM outbox WHERE trace_context IS NOT NULL")
          .execute()).iterator().next().getLong(0);
      assertThat(traced).isZero();
    } finally {
      fixture.close();
      fixture = null;
      Await.result(plain.close());
    }
  }

  private List<JsonObject> consumerSpans() {
    return collector.spans().stream().filter(span -> "CONSUMER".equals(span.getString("kind"))).toList();
  }

  private static List<String> annotations(JsonObject span) {
    return span.getJsonArray("annotations", new io.vertx.core.json.JsonArray()).stream()
        .map(a -> ((JsonObject) a).getString("value")).toList();
  }

  private static JsonObject only(List<JsonObject> spans) {
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
