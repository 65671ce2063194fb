package dev.prost.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Users service over HTTP")
class UsersApiTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static final String PASSWORD = "correct horse battery";
  private UsersFixture users;

  @BeforeEach
  void start(Vertx vertx) {
    users = new UsersFixture(vertx, db, Map.of()).start();
  }

  @AfterEach
  void stop() {
    users.stop();
  }

  private static String email() {
    return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  @DisplayName("register, log in, and read one's own profile")
  void registerLoginMe() {
    String email = email();
    HttpResponse<Buffer> registered = users.register(email, PASSWORD, "Ada Lovelace");
    assertThat(registered.statusCode()).isEqualTo(201);
    JsonObject user = registered.bodyAsJsonObject();
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getString("name")).isEqualTo("Ada Lovelace");
    assertThat(user.containsKey("password")).isFalse();

    HttpResponse<Buffer> login = users.login(email.toUpperCase(), PASSWORD);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.bodyAsJsonObject().getString("token_type")).isEqualTo("Bearer");
    assertThat(login.bodyAsJsonObject().getLong("expires_in")).isEqualTo(900L);

    HttpResponse<Buffer> me = users.get("/api/users/me", login.bodyAsJsonObject().getString("access_token"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(user.getString("id"));
    assertThat(me.bodyAsJsonObject().getJsonArray("roles").getList()).containsExactly("customer");
  }

  @Test
  @DisplayName("an e-mail taken in another letter case is a 409")
  void emailTaken() {
    String email = email();
    assertThat(users.register(email, PASSWORD, "First").statusCode()).isEqualTo(201);
    HttpResponse<Buffer> again = users.register(email.toUpperCase(), PASSWORD, "Second");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.getHeader("content-type")).startsWith("application/problem+json");
    assertThat(again.bodyAsJsonObject().getString("type")).endsWith("/email-taken");
  }

  @Test
  @DisplayName("passwords shorter than 12 or longer than 128 characters are a 400 naming the field")
  void passwordLength() {
    assertInvalid(users.register(email(), "x".repeat(11), "Short"), "password");
    assertInvalid(users.register(email(), "x".repeat(129), "Long"), "password");
    assertThat(users.register(email(), "x".repeat(128), "Max").statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("missing, ill-typed, empty or blank fields are a 400")
  void badFields() {
    assertInvalid(users.post("/api/auth/register", new JsonObject().put("email", email()).put("password", PASSWORD)), "name");
    assertInvalid(users.post("/api/auth/register",
        new JsonObject().put("email", email()).put("password", PASSWORD).put("name", 42)), "name");
    assertInvalid(users.post("/api/auth/login", new JsonObject().put("email", email())), "password");
    assertInvalid(users.register(email(), PASSWORD, " \t\n "), "name");
    // the e-mail format check of vertx-json-schema 5.0.7 throws on "" rather than refusing it
    HttpResponse<Buffer> empty = users.post("/api/auth/register",
        new JsonObject().put("email", "").put("password", PASSWORD).put("name", "Ada"));
    assertThat(empty.statusCode()).as(empty.bodyAsString()).isEqualTo(400);
    assertThat(empty.bodyAsJsonObject().getString("type")).endsWith("/validation");
  }

  @Test
  @DisplayName("malformed JSON is a 400 and a 2 MiB body a 413, both problem+json")
  void malformedAndOversized() {
    HttpResponse<Buffer> malformed = users.postRaw("/api/auth/register", Buffer.buffer("{\"email\": "));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.getHeader("content-type")).startsWith("application/problem+json");

    String big = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"name\":\"n\"}";
    HttpResponse<Buffer> oversized = users.postRaw("/api/auth/register", Buffer.buffer(big));
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.getHeader("content-type")).startsWith("application/problem+json");
  }

  @Test
  @DisplayName("a wrong password and an unknown e-mail give identical 401 bodies")
  void identicalFailures() {
    String email = email();
    users.register(email, PASSWORD, "Grace");
    HttpResponse<Buffer> wrongPassword = users.login(email, "not the password!");
    HttpResponse<Buffer> unknownEmail = users.login(email(), "not the password!");
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownEmail.statusCode()).isEqualTo(401);
    assertThat(withoutRequestId(wrongPassword)).isEqualTo(withoutRequestId(unknownEmail));
  }

  @Test
  @DisplayName("after five failures for an e-mail the sixth attempt is a 429 with Retry-After, even with the right password")
  void throttled() {
    String email = email();
    users.register(email, PASSWORD, "Linus");
    for (int i = 0; i < 5; i++) {
      assertThat(users.login(email, "wrong password " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> sixth = users.login(email, PASSWORD);
    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(sixth.getHeader("Retry-After"))).isBetween(1L, 900L);
    assertThat(sixth.getHeader("content-type")).startsWith("application/problem+json");
  }

  @Test
  @DisplayName("a successful login clears the e-mail's failure count")
  void successClears() {
    String email = email();
    users.register(email, PASSWORD, "Edsger");
    for (int i = 0; i < 4; i++) {
      users.login(email, "wrong password " + i);
    }
    assertThat(users.login(email, PASSWORD).statusCode()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      users.login(email, "wrong again " + i);
    }
    assertThat(users.login(email, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("tokens that are expired, tampered, unsigned, HMAC-confused, or for another audience or issuer are a 401")
  void rejectedTokens() throws Exception {
    String email = email();
    users.register(email, PASSWORD, "Mallory's target");
    String good = users.login(email, PASSWORD).bodyAsJsonObject().getString("access_token");
    String kid = TokenForge.kidOf(good);
    UUID sub = UUID.fromString(users.get("/api/users/me", good).bodyAsJsonObject().getString("id"));
    TokenForge forge = new TokenForge(users.dataDir);
    Instant later = Instant.now().plusSeconds(600);

    assertThat(users.get("/api/users/me", forge.rs256(TokenForge.claims(sub, "prost", "prost-api", later), kid))
        .statusCode()).as("control: a well-formed forged-by-us token is accepted").isEqualTo(200);

    Map<String, String> rejected = Map.of(
        "expired", forge.rs256(TokenForge.claims(sub, "prost", "prost-api", Instant.now().minusSeconds(120)), kid),
        "tampered", TokenForge.tamper(good),
        "alg none", TokenForge.none(TokenForge.claims(sub, "prost", "prost-api", later)),
        "HS256 with the public key", forge.hs256WithPublicKey(TokenForge.claims(sub, "prost", "prost-api", later), kid),
        "wrong audience", forge.rs256(TokenForge.claims(sub, "prost", "someone-else", later), kid),
        "wrong issuer", forge.rs256(TokenForge.claims(sub, "evil", "prost-api", later), kid),
        "garbage", "not.a.token");
    rejected.forEach((why, token) -> {
      HttpResponse<Buffer> response = users.get("/api/users/me", token);
      assertThat(response.statusCode()).as(why).isEqualTo(401);
      assertThat(response.bodyAsString()).as(why).doesNotContain(token);
    });
    assertThat(users.get("/api/users/me", null).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("registration writes UserRegistered to the outbox, with a correlation id, in the same transaction")
  void userRegisteredInOutbox(Vertx vertx) {
    HttpResponse<Buffer> registered = users.register(email(), PASSWORD, "Barbara");
    UUID id = UUID.fromString(registered.bodyAsJsonObject().getString("id"));
    Pool pool = ServicePool.create(vertx, db.config(), ServiceSchema.of("users"));
    Row row = Await.result(pool.preparedQuery(
            "SELECT event_type, correlation_id, envelope FROM outbox WHERE envelope::jsonb -> 'payload' ->> 'user_id' = $1")
        .execute(Tuple.of(id.toString()))).iterator().next();
    assertThat(row.getString("event_type")).isEqualTo("UserRegistered");
    assertThat(row.getUUID("correlation_id")).isNotNull();
    assertThat(new JsonObject(row.getString("envelope")).getJsonObject("payload").getString("email"))
        .isEqualTo(registered.bodyAsJsonObject().getString("email"));
  }

  @Test
  @DisplayName("the service publishes its JWKS, its contract, health and metrics")
  void operationalEndpoints() {
    JsonObject jwks = users.get("/.well-known/jwks.json", null).bodyAsJsonObject();
    assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("kty")).isEqualTo("RSA");
    assertThat(users.get("/openapi.yaml", null).bodyAsString()).contains("operationId: register");
    assertThat(users.get("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = users.get("/health/ready", null);
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    assertThat(users.get("/metrics", null).bodyAsString()).contains("prost_http_requests");
  }

  private static void assertInvalid(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.getHeader("content-type")).startsWith("application/problem+json");
    assertThat(response.bodyAsString()).contains("\"" + field);
  }

  private static JsonObject withoutRequestId(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject().copy();
    body.remove("instance");
    return body;
  }
}
