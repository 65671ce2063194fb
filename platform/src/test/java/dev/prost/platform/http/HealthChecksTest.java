package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Health endpoints")
class HealthChecksTest {

  private ThingsService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("live is always 200 UP, even while a dependency is down")
  void live(Vertx vertx) {
    service = ThingsService.start(vertx, HealthChecks.builder()
        .add("database", () -> Future.failedFuture("connection refused")).build());
    HttpResponse<Buffer> response = get("/health/live");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  @DisplayName("ready is 200 with every check UP when all pass")
  void ready(Vertx vertx) {
    service = ThingsService.start(vertx, HealthChecks.builder()
        .add("database", Future::succeededFuture)
        .add("broker", () -> vertx.timer(20).mapEmpty())
        .build());
    HttpResponse<Buffer> response = get("/health/ready");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP")
        .put("checks", new JsonObject().put("database", "UP").put("broker", "UP")));
  }

  @Test
  @DisplayName("ready is 503 naming the failed check and why, without a stack trace")
  void failing(Vertx vertx) {
    service = ThingsService.start(vertx, HealthChecks.builder()
        .add("database", Future::succeededFuture)
        .add("redis", () -> Future.failedFuture(new IllegalStateException("connection refused\n\tat somewhere")))
        .add("broker", () -> {
          throw new IllegalArgumentException("probe blew up");
        })
        .build());
    HttpResponse<Buffer> response = get("/health/ready");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(body.getJsonObject("checks")).isEqualTo(new JsonObject()
        .put("database", "UP").put("redis", "DOWN").put("broker", "DOWN"));
    assertThat(body.getJsonObject("reasons")).isEqualTo(new JsonObject()
        .put("redis", "connection refused").put("broker", "probe blew up"));
    assertThat(response.bodyAsString()).doesNotContain("at somewhere", "Exception");
  }

  @Test
  @DisplayName("a check that does not answer within its timeout is DOWN")
  void timeout(Vertx vertx) {
    AtomicBoolean asked = new AtomicBoolean();
    service = ThingsService.start(vertx, HealthChecks.builder()
        .add("database", Future::succeededFuture)
        .add("broker", Duration.ofMillis(200), () -> {
          asked.set(true);
          return Promise.<Void>promise().future();
        })
        .build());
    long start = System.nanoTime();
    HttpResponse<Buffer> response = get("/health/ready");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(asked).isTrue();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getJsonObject("checks").getString("broker")).isEqualTo("DOWN");
    assertThat(response.bodyAsJsonObject().getJsonObject("reasons").getString("broker"))
        .isEqualTo("no answer within 200 ms");
  }

  @Test
  @DisplayName("the default timeout is 2 s")
  void defaultTimeout() {
    HealthChecks checks = HealthChecks.builder().add("slow", () -> Promise.<Void>promise().future()).build();
    long start = System.nanoTime();
    JsonObject report = Await.result(checks.ready());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
    assertThat(report.getJsonObject("reasons").getString("slow")).isEqualTo("no answer within 2000 ms");
  }

  private HttpResponse<Buffer> get(String uri) {
    return Await.result(service.client.get(uri).send());
  }
}
