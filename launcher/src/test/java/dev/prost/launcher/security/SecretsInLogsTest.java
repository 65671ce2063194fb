package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer's whole life, failures included, with every log line of the JVM captured at
 * DEBUG: neither a password nor an access token (nor any part of one that would let it be
 * rebuilt) appears in any message, argument, MDC value or stack trace; nor in an answer.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Security: passwords and tokens never reach the logs")
class SecretsInLogsTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static SecurityFixture prost;
  private static String productId;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    productId = prost.createProduct("Logged tea").getString("id");
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @DisplayName("register, log in, use the token, and fail in every way the flow allows")
  void noSecretLogged() {
    String email = Api.email("secretive");
    String password = "pw-" + UUID.randomUUID();
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String shortPassword = "s" + UUID.randomUUID().toString().substring(0, 8);
    String otherPassword = "other-" + UUID.randomUUID();
    List<String> secrets = new ArrayList<>(List.of(password, wrongPassword, shortPassword, otherPassword));
    List<String> answers = new ArrayList<>();
    String token;
    try (LogCapture capture = LogCapture.start()) {
      WebClient entry = prost.client(Target.ENTRY);
      WebClient users = prost.client(Target.USERS);
      answers.add(register(entry, email, password, 201));
      answers.add(register(entry, email.toUpperCase(), otherPassword, 409));
      answers.add(register(users, Api.email("short"), shortPassword, 400));
      // the validator throws on this e-mail; the failure is logged with its stack trace
      answers.add(register(users, "", otherPassword, 400));
      answers.add(raw(users, "/api/auth/register", "{\"email\":\"x@example.com\",\"password\":\"" + otherPassword
          + "\u0000\",\"name\":\"N\"}", 400));
      answers.add(raw(users, "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"", 400));
      answers.add(login(entry, email, wrongPassword, 401));
      answers.add(login(users, Api.email("nobody"), password, 401));
      token = new JsonObject(login(entry, email, password, 200)).getString("access_token");
      secrets.add(token);
      String[] parts = token.split("\\.");
      secrets.add(parts[0] + "." + parts[1]);
      secrets.add(parts[2]);

      useToken(token, answers);
      String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
      for (Target target : Target.values()) {
        answers.add(Api.get(prost.client(target), target == Target.USERS ? "/api/users/me" : "/api/orders", tampered)
            .bodyAsString());
      }
      secrets.add(tampered);
      // consumers and the relay log too: let the checkout run to its end while capturing
      await().atMost(Duration.ofSeconds(30)).until(() ->
          db.adminScalar("SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED'") == 0);

      List<String> lines = new ArrayList<>(capture.lines());
      assertThat(lines).as("the capture saw the logged validation failure").anyMatch(line -> line.contains("WARN")
          && line.contains("register"));
      List<String> json = capture.jsonLines();
      assertThat(json).as("JSON lines").anyMatch(line -> line.contains("\"level\":\"WARN\""));
      lines.addAll(json);
      for (String secret : secrets) {
        assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
        assertThat(answers).as("answers").noneMatch(answer -> answer.contains(secret));
      }
    }
  }

  @Test
  @DisplayName("JSON log lines parse, and the lines a request wrote carry its correlation id and exception")
  void jsonLinesCarryTheCorrelationId() {
    String requestId = UUID.randomUUID().toString();
    List<JsonObject> lines = new ArrayList<>();
    try (LogCapture capture = LogCapture.start()) {
      // the validator throws on this e-mail; the failure is logged with its stack trace
      Api.expect(400, Await.result(prost.client(Target.USERS).post("/api/auth/register")
          .putHeader("X-Request-Id", requestId)
          .sendJsonObject(new JsonObject().put("email", "").put("password", "pw-" + UUID.randomUUID())
              .put("name", "Json")))).bodyAsString();
      capture.jsonLines().forEach(line -> lines.add(new JsonObject(line)));
    }
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.fieldNames())
        .contains("time", "level", "service", "logger", "message"));
    assertThat(lines).filteredOn(line -> requestId.equals(line.getString("correlation_id")))
        .as("lines of request %s", requestId)
        .anySatisfy(line -> {
          assertThat(line.getString("level")).isEqualTo("WARN");
          assertThat(line.getString("exception")).isNotBlank();
        });
  }

  private static void useToken(String token, List<String> answers) {
    WebClient entry = prost.client(Target.ENTRY);
    answers.add(Api.expect(200, Api.get(entry, "/api/users/me", token)).bodyAsString());
    answers.add(Api.expect(200, Api.send(entry, HttpMethod.POST, "/api/cart/items", token,
        new JsonObject().put("product_id", productId).put("quantity", 1))).bodyAsString());
    answers.add(Api.expect(400, Api.send(entry, HttpMethod.PATCH, "/api/cart/items/" + productId, token,
        new JsonObject().put("quantity", 1000))).bodyAsString());
    answers.add(Api.expect(403, Api.get(entry, "/api/ops/sagas", token)).bodyAsString());
    answers.add(Api.expect(403, Api.send(entry, HttpMethod.POST, "/api/categories", token,
        new JsonObject().put("name", "not mine"))).bodyAsString());
    answers.add(Api.expect(202, Await.result(entry.post("/api/cart/checkout").bearerTokenAuthentication(token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("payment_token", "tok_visa")))).bodyAsString());
    for (Target target : List.of(Target.CART, Target.ORDERS)) {
      answers.add(Api.expect(200, Api.get(prost.client(target), target == Target.CART ? "/api/cart" : "/api/orders",
          token)).bodyAsString());
    }
    answers.add(Api.expect(404, Api.get(entry, "/api/orders/" + UUID.randomUUID(), token)).bodyAsString());
  }

  private static String register(WebClient client, String email, String password, int status) {
    return Api.expect(status, Await.result(client.post("/api/auth/register").sendJsonObject(new JsonObject()
        .put("email", email).put("password", password).put("name", "Secretive")))).bodyAsString();
  }

  private static String login(WebClient client, String email, String password, int status) {
    return Api.expect(status, Await.result(client.post("/api/auth/login")
        .putHeader("X-Forwarded-For", Baselines.randomAddress())
        .sendJsonObject(new JsonObject().put("email", email).put("password", password)))).bodyAsString();
  }

  private static String raw(WebClient client, String uri, String body, int status) {
    HttpResponse<Buffer> response = Await.result(client.post(uri).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)));
    return Api.expect(status, response).bodyAsString();
  }
}
