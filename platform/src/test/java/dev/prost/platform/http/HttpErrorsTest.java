package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("The HTTP error handler")
class HttpErrorsTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(HttpErrors.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private ThingsService service;

  @BeforeEach
  void start(Vertx vertx) {
    logged.start();
    logger.addAppender(logged);
    service = ThingsService.start(vertx, HealthChecks.none());
  }

  @AfterEach
  void stop() {
    service.close();
    logger.detachAppender(logged);
  }

  @Test
  @DisplayName("an unexpected exception is a 500 problem without its message or stack, logged once at ERROR")
  void unexpected() {
    HttpResponse<Buffer> response = Await.result(service.client.get("/api/boom").send());

    JsonObject problem = ThingsService.assertProblem(response, 500, "internal");
    String body = response.bodyAsString();
    assertThat(body).doesNotContain("secret-internal-detail", "db-7", "IllegalStateException", "at dev.prost",
        "at io.vertx", "ThingsService");
    assertThat(problem.fieldNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getThrowableProxy().getMessage()).contains("secret-internal-detail");
      // the correlation id of the log line is the request id the client got
      assertThat(event.getMDCPropertyMap()).containsEntry("correlation_id", response.getHeader("X-Request-Id"));
    });
  }

  @Test
  @DisplayName("a deliberate 503 keeps its status but not its cause")
  void unavailable() {
    HttpResponse<Buffer> response = Await.result(service.client.get("/api/boom").putHeader("X-Test", "unavailable").send());
    ThingsService.assertProblem(response, 503, "service-unavailable");
    assertThat(response.bodyAsString()).doesNotContain("secret-internal-detail", "pool");
    assertThat(logged.list).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.ERROR);
  }

  @Test
  @DisplayName("a request line or headers over the server's limits, which no route sees, is a problem too")
  void undecodableRequest() {
    HttpResponse<Buffer> longLine = Await.result(service.client.get("/api/things?q=" + "x".repeat(10_000)).send());
    ThingsService.assertProblem(longLine, 414, "uri-too-long");
    HttpResponse<Buffer> bigHeaders = Await.result(service.client.get("/api/things")
        .putHeader("X-Padding", "x".repeat(10_000)).send());
    ThingsService.assertProblem(bigHeaders, 431, "header-fields-too-large");
  }

  @Test
  @DisplayName("client errors are answered without logging at ERROR")
  void clientErrorsAreQuiet() {
    Await.result(service.client.get("/api/things?size=abc").send());
    Await.result(service.client.get("/nowhere").send());
    assertThat(logged.list).noneMatch(event -> event.getLevel() == Level.ERROR);
  }
}
