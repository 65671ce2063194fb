package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;

/** The few plain API calls the security tests need to set the scene. */
final class Api {

  private Api() {}

  static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response;
  }

  static JsonObject register(WebClient users, String email, String password) {
    return expect(201, Await.result(users.post("/api/auth/register").sendJsonObject(new JsonObject()
        .put("email", email).put("password", password).put("name", "Customer " + email)))).bodyAsJsonObject();
  }

  /**
   * Logs in and answers the access token. {@code forwardedFor}, when set, is the client address
   * users counts failed logins under (a direct peer on 127.0.0.1 is a trusted proxy).
   */
  static String login(WebClient users, String email, String password, String forwardedFor) {
    HttpRequest<Buffer> request = users.post("/api/auth/login");
    if (forwardedFor != null) {
      request.putHeader("X-Forwarded-For", forwardedFor);
    }
    return expect(200, Await.result(request.sendJsonObject(new JsonObject().put("email", email)
        .put("password", password)))).bodyAsJsonObject().getString("access_token");
  }

  static String email(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static HttpResponse<Buffer> get(WebClient client, String uri, String token) {
    HttpRequest<Buffer> request = client.get(uri);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return Await.result(request.send());
  }

  static HttpResponse<Buffer> send(WebClient client, io.vertx.core.http.HttpMethod method, String uri, String token,
      JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }
}
