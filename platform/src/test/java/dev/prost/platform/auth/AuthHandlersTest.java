package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Bearer-token route handlers")
class AuthHandlersTest {

  private static final RsaKeys KEYS = RsaKeys.generate();
  private final AuthConfig config = AuthConfig.from(Env.of(Map.of()));
  private final JwtIssuer issuer = JwtIssuer.create(config, KEYS);
  private final UUID user = UUID.randomUUID();
  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void serve(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(AuthHandlers.authenticate(JwtVerifier.create(config, KEYS.publicKey())));
    router.get("/api/me").handler(ctx -> ctx.json(new JsonObject()
        .put("id", AuthHandlers.principal(ctx).userId().toString())));
    router.get("/api/ops").handler(AuthHandlers.requireRole(Principal.ADMIN)).handler(ctx -> ctx.end("ops"));
    router.get("/open").handler(ctx -> ctx.end(String.valueOf(AuthHandlers.principal(ctx))));
    // stands in for the services' problem+json error handler
    router.route().failureHandler(ctx -> {
      int status = ctx.failure() instanceof AuthenticationException p ? p.status() : 500;
      ctx.response().setStatusCode(status).end(ctx.failure() instanceof AuthenticationException p ? p.reason() : "");
    });
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    Await.result(server.close());
  }

  @Test
  @DisplayName("no Authorization header answers 401 with WWW-Authenticate: Bearer")
  void noHeader() {
    HttpResponse<Buffer> response = get("/api/me", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(response.bodyAsString()).isEqualTo("missing bearer token");
  }

  @Test
  @DisplayName("another scheme, an empty or invalid bearer token answers 401")
  void badHeader() {
    String token = issuer.issue(user, Set.of("customer"));
    assertThat(get("/api/me", "Basic dXNlcjpwdw==").statusCode()).isEqualTo(401);
    assertThat(get("/api/me", "Bearer ").statusCode()).isEqualTo(401);
    assertThat(get("/api/me", "Bearer " + token + " extra").statusCode()).isEqualTo(401);
    String forged = JwtIssuer.create(config, RsaKeys.generate()).issue(user, Set.of("admin"));
    HttpResponse<Buffer> response = get("/api/me", "Bearer " + forged);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(response.bodyAsString()).isEqualTo("invalid signature");
    assertThat(get("/api/me", "Bearer " + token.substring(0, token.length() - 5)).bodyAsString())
        .isEqualTo("malformed token");
  }

  @Test
  @DisplayName("a valid token reaches the handler, which reads the principal; the scheme is case-insensitive")
  void authenticated() {
    HttpResponse<Buffer> response = get("/api/me", "bearer " + issuer.issue(user, Set.of("customer")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("id")).isEqualTo(user.toString());
  }

  @Test
  @DisplayName("a customer token on an admin route answers 403, an admin token 200")
  void roles() {
    assertThat(get("/api/ops", "Bearer " + issuer.issue(user, Set.of("customer"))).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> admin = get("/api/ops", "Bearer " + issuer.issue(user, Set.of("admin")));
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.bodyAsString()).isEqualTo("ops");
  }

  @Test
  @DisplayName("reading the principal on a route without authenticate is a wiring bug: 500, not a client error")
  void unwired() {
    assertThat(get("/open", "Bearer " + issuer.issue(user, Set.of("admin"))).statusCode()).isEqualTo(500);
  }

  @Test
  @DisplayName("a BodyHandler mounted after authenticate still gets the body while the JWKS is being read")
  void bodyKeptWhileKeysLoad(Vertx vertx) {
    JwksServer jwks = new JwksServer(vertx).serve(issuer).delay(300);
    try {
      AuthConfig viaJwks = AuthConfig.from(Env.of(Map.of("PROST_JWT_JWKS_URL", jwks.url().toString())));
      Router router = Router.router(vertx);
      // Vert.x Web only refuses this order within one route; across routes it is allowed
      router.route("/echo").handler(AuthHandlers.authenticate(JwtVerifier.create(vertx, viaJwks)));
      router.post("/echo")
          .handler(BodyHandler.create())
          .handler(ctx -> ctx.end(ctx.body().buffer()));
      HttpServer echo = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
      try {
        HttpResponse<Buffer> response = Await.result(client.post(echo.actualPort(), "127.0.0.1", "/echo")
            .putHeader("Authorization", "Bearer " + issuer.issue(user, Set.of("customer")))
            .sendBuffer(Buffer.buffer("x".repeat(100_000))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).hasSize(100_000);
      } finally {
        Await.result(echo.close());
      }
    } finally {
      jwks.close();
    }
  }

  private HttpResponse<Buffer> get(String path, String authorization) {
    var request = client.get(server.actualPort(), "127.0.0.1", path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(request.send());
  }
}
