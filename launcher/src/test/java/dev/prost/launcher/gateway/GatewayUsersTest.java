package dev.prost.launcher.gateway;

import static dev.prost.launcher.gateway.GatewayFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("The gateway in front of a real users service")
class GatewayUsersTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static final String PASSWORD = "correct horse battery";

  private UsersConfig usersConfig;
  private RunningService users;
  private Path dataDir;
  private GatewayFixture gateway;

  @BeforeEach
  void start(Vertx vertx) throws IOException {
    dataDir = Files.createTempDirectory("prost-gateway-test");
    int usersPort = GatewayFixture.freePort();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("PROST_USERS_PORT", Integer.toString(usersPort));
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_DATA_DIR", dataDir.toString());
    usersConfig = UsersConfig.from(Env.of(env));
    users = Await.result(UsersService.start(vertx, usersConfig));
    // the other services are not needed here: their paths would answer 502
    gateway = GatewayFixture.start(vertx, Map.of("PROST_USERS_URL", "http://127.0.0.1:" + usersPort));
  }

  @AfterEach
  void stop(Vertx vertx) throws IOException {
    gateway.stop();
    Await.result(users.stop());
    NamespaceCleanup.broker(vertx, usersConfig.messaging(), UsersService.TOPOLOGY);
    NamespaceCleanup.redis(vertx, usersConfig.redisUrl(), usersConfig.messaging().namespace());
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static String email() {
    return "g" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return Await.result(gateway.client.post(path).sendJsonObject(body));
  }

  private HttpResponse<Buffer> login(String email, String password) {
    return post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
  }

  @Test
  @DisplayName("register, log in and read one's profile through the gateway, the token forwarded")
  void registerLoginMe() {
    String email = email();
    HttpResponse<Buffer> registered = post("/api/auth/register",
        new JsonObject().put("email", email).put("password", PASSWORD).put("name", "Ada"));
    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(registered.getHeader("Content-Type")).startsWith("application/json");

    HttpResponse<Buffer> login = login(email, PASSWORD);
    assertThat(login.statusCode()).isEqualTo(200);
    String token = login.bodyAsJsonObject().getString("access_token");

    HttpResponse<Buffer> me = Await.result(gateway.client.get("/api/users/me")
        .putHeader("Authorization", "Bearer " + token).send());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(registered.bodyAsJsonObject().getString("id"));
    assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo(email);
  }

  @Test
  @DisplayName("the service's own problem answers pass through unchanged, tagged with the gateway's request id")
  void requestIdRoundTrip() {
    String id = UUID.randomUUID().toString();
    HttpResponse<Buffer> anonymous = Await.result(gateway.client.get("/api/users/me").putHeader("X-Request-Id", id).send());
    assertThat(anonymous.getHeader("X-Request-Id")).isEqualTo(id);
    // the instance is written by the users service: it saw the same id
    JsonObject problem = assertProblem(anonymous, 401, "unauthorized");
    assertThat(problem.getString("instance")).isEqualTo("urn:uuid:" + id);

    HttpResponse<Buffer> generated = gateway.get("/api/users/me");
    assertProblem(generated, 401, "unauthorized");
  }

  @Test
  @DisplayName("a forged X-Forwarded-For does not escape the per-address login throttle")
  void forgedForwardedFor() {
    // 20 failures, each for another e-mail and claiming another address: all from this client
    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> failed = Await.result(gateway.client.post("/api/auth/login")
          .putHeader("X-Forwarded-For", "198.51.100." + i)
          .sendJsonObject(new JsonObject().put("email", email()).put("password", "not the password!")));
      assertThat(failed.statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> throttled = Await.result(gateway.client.post("/api/auth/login")
        .putHeader("X-Forwarded-For", "198.51.100.99")
        .sendJsonObject(new JsonObject().put("email", email()).put("password", "not the password!")));
    assertProblem(throttled, 429, "too-many-requests");
    assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isPositive();
  }
}
