package dev.prost.platform.http;

import static dev.prost.platform.http.ThingsService.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A service router built from its contract")
class ServiceRouterTest {

  private static final JsonObject VALID = new JsonObject().put("name", "widget").put("quantity", 3).put("kind", "small");

  private ThingsService service;

  @BeforeEach
  void start(Vertx vertx) {
    service = ThingsService.start(vertx, HealthChecks.none());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  @DisplayName("a valid request reaches the operation's handlers with the validated body")
  void validBody() {
    HttpResponse<Buffer> response = service.post(VALID.encode(), "application/json; charset=utf-8");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject()).isEqualTo(VALID);
  }

  @Test
  @DisplayName("validated path and query parameters reach the handler already typed")
  void validParameters() {
    String id = UUID.randomUUID().toString();
    assertThat(service.get("/api/things/" + id).bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(service.get("/api/things?size=42").bodyAsJsonObject().getInteger("size")).isEqualTo(42);
    assertThat(service.get("/api/things").bodyAsJsonObject().getInteger("size")).isEqualTo(20);
  }

  @Test
  @DisplayName("a body over the limit is a 413 problem, before any validation")
  void bodyTooLarge() {
    String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertProblem(service.post(big, "application/json"), 413, "payload-too-large");
  }

  @Test
  @DisplayName("a chunked body (no Content-Length) over the limit is a 413 problem too")
  void chunkedBodyTooLarge(Vertx vertx) {
    HttpClient client = vertx.createHttpClient();
    try {
      HttpClientResponse response = Await.result(client
          .request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
              .setPort(service.port).setURI("/api/things").putHeader("content-type", "application/json"))
          .compose(request -> {
            request.setChunked(true);
            Buffer chunk = Buffer.buffer("x".repeat(64 * 1024));
            for (int i = 0; i < 32; i++) {
              request.write(chunk);
            }
            return request.send();
          }));
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.getHeader("content-type")).isEqualTo(HttpErrors.PROBLEM_JSON);
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName("an unknown path is a 404 problem and a wrong method a 405 problem")
  void unmatched() {
    assertProblem(service.get("/api/nothing-here"), 404, "not-found");
    assertProblem(Await.result(service.client.delete("/api/things").send()), 405, "method-not-allowed");
  }

  @Test
  @DisplayName("a ProblemException from an earlier handler keeps its status and Retry-After")
  void problemException() {
    HttpResponse<Buffer> response = Await.result(service.client.post("/api/things")
        .putHeader("X-Test", "slow-down").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(VALID.encode())));
    assertProblem(response, 429, "too-many-requests");
    assertThat(response.getHeader("Retry-After")).isEqualTo("7");
  }

  @Test
  @DisplayName("every response carries an X-Request-Id: the caller's if it sent a UUID, else a new one")
  void requestIds() {
    String sent = UUID.randomUUID().toString();
    HttpResponse<Buffer> echoed = Await.result(service.client.get("/api/things").putHeader("X-Request-Id", sent).send());
    assertThat(echoed.getHeader("X-Request-Id")).isEqualTo(sent);

    HttpResponse<Buffer> fresh = Await.result(service.client.get("/api/nothing").putHeader("X-Request-Id", "x\tevil").send());
    String id = fresh.getHeader("X-Request-Id");
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(fresh.bodyAsJsonObject().getString("instance")).isEqualTo("urn:uuid:" + id);
    assertThat(service.get("/health/live").getHeader("X-Request-Id")).isNotBlank();
  }

  @Test
  @DisplayName("the contract is served as /openapi.yaml")
  void contract() {
    HttpResponse<Buffer> response = service.get("/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("application/yaml");
    assertThat(response.bodyAsString()).contains("operationId: createThing");
  }

  @Test
  @DisplayName("/metrics shows request counts and latencies by route template and status")
  void metrics() {
    service.get("/api/things/" + UUID.randomUUID());
    service.get("/api/nowhere/" + UUID.randomUUID());
    String scrape = service.get("/metrics").bodyAsString();
    assertThat(scrape).contains("prost_http_requests_seconds_count{")
        .containsPattern("prost_http_requests_seconds_count\\{[^}]*route=\"/api/things/\\{id}\"[^}]*status=\"200\"")
        .containsPattern("prost_http_requests_seconds_count\\{[^}]*route=\"unmatched\"[^}]*status=\"404\"")
        .contains("prost_http_requests_seconds_bucket")
        .doesNotContain("/api/nowhere");
  }
}
