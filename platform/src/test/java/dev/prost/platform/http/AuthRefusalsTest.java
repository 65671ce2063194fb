package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.AuthenticationException;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Auth's refusals through the HTTP error handler")
class AuthRefusalsTest {

  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void serve(Vertx vertx) {
    Router router = Router.router(vertx);
    // a verifier that refuses every token, or accepts it as a customer
    router.route("/api/*").handler(AuthHandlers.authenticate(token -> switch (token) {
      case "customer" -> Future.succeededFuture(new Principal(UUID.randomUUID(), Set.of(Principal.CUSTOMER)));
      case "keys-down" -> Future.failedFuture(AuthenticationException.keysUnavailable("token signing keys are not "
          + "available yet"));
      default -> Future.failedFuture(AuthenticationException.unauthorized("invalid signature"));
    }));
    router.get("/api/ops").handler(AuthHandlers.requireRole(Principal.ADMIN)).handler(ctx -> ctx.end("ops"));
    router.route().failureHandler(HttpErrors.failureHandler());
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    Await.result(server.close());
  }

  @Test
  @DisplayName("a refused token is 401 unauthorized with WWW-Authenticate: Bearer and the reason as detail")
  void unauthorized() {
    HttpResponse<Buffer> response = get("forged");
    assertThat(ThingsService.assertProblem(response, 401, "unauthorized").getString("detail"))
        .isEqualTo("invalid signature");
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  @DisplayName("a missing role is 403 forbidden, and keys not loaded yet 503 auth-keys-unavailable, neither with WWW-Authenticate")
  void forbiddenAndUnavailable() {
    HttpResponse<Buffer> forbidden = get("customer");
    assertThat(ThingsService.assertProblem(forbidden, 403, "forbidden").getString("detail"))
        .isEqualTo("requires role admin");
    assertThat(forbidden.getHeader("WWW-Authenticate")).isNull();
    HttpResponse<Buffer> unavailable = get("keys-down");
    ThingsService.assertProblem(unavailable, 503, "auth-keys-unavailable");
    assertThat(unavailable.getHeader("WWW-Authenticate")).isNull();
  }

  private HttpResponse<Buffer> get(String token) {
    return Await.result(client.get(server.actualPort(), "127.0.0.1", "/api/ops")
        .putHeader("Authorization", "Bearer " + token).send());
  }
}
