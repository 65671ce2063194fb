package dev.prost.launcher.gateway;

import static dev.prost.launcher.gateway.GatewayFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The gateway in front of a service")
class GatewayForwardingTest {

  private StubService service;
  private GatewayFixture gateway;

  @BeforeEach
  void start(Vertx vertx) {
    service = StubService.echo(vertx);
    gateway = GatewayFixture.start(vertx, GatewayFixture.allAt(service.url(),
        Map.of("PROST_HTTP_MAX_BODY_BYTES", "4096")));
  }

  @AfterEach
  void stop() {
    gateway.stop();
    service.close();
  }

  private JsonObject echoed(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("forwards method, path with query, body and the API's headers, and no others")
  void forwardsRequest() {
    HttpResponse<Buffer> response = Await.result(gateway.request(HttpMethod.PATCH, "/api/cart/items/abc?x=1&q=%25%2B")
        .putHeader("Authorization", "Bearer abc.def.ghi")
        .putHeader("Idempotency-Key", "key-1")
        .putHeader("Content-Type", "application/json")
        .putHeader("Accept", "application/json")
        .putHeader("Cookie", "session=secret")
        .putHeader("X-Internal-Role", "admin")
        .sendBuffer(Buffer.buffer("{\"quantity\":2}")));

    JsonObject echo = echoed(response);
    assertThat(echo.getString("method")).isEqualTo("PATCH");
    assertThat(echo.getString("uri")).isEqualTo("/api/cart/items/abc?x=1&q=%25%2B");
    assertThat(echo.getString("body")).isEqualTo("{\"quantity\":2}");
    JsonObject headers = echo.getJsonObject("headers");
    assertThat(headers.getJsonArray("authorization").getList()).containsExactly("Bearer abc.def.ghi");
    assertThat(headers.getJsonArray("idempotency-key").getList()).containsExactly("key-1");
    assertThat(headers.getJsonArray("content-type").getList()).containsExactly("application/json");
    assertThat(headers.getJsonArray("accept").getList()).containsExactly("application/json");
    assertThat(headers.getJsonArray("content-length").getList()).containsExactly("14");
    assertThat(headers.fieldNames()).doesNotContain("cookie", "x-internal-role");
    assertThat(headers.getJsonArray("host").getString(0)).isEqualTo(service.url().substring("http://".length()));
  }

  @Test
  @DisplayName("appends the client's address to X-Forwarded-For")
  void forwardedFor() {
    JsonObject plain = echoed(gateway.get("/api/products"));
    assertThat(plain.getJsonObject("headers").getJsonArray("x-forwarded-for").getList()).containsExactly("127.0.0.1");

    JsonObject forged = echoed(Await.result(gateway.client.get("/api/products")
        .putHeader("X-Forwarded-For", "203.0.113.9").send()));
    assertThat(forged.getJsonObject("headers").getJsonArray("x-forwarded-for").getList())
        .containsExactly("203.0.113.9, 127.0.0.1");
  }

  @Test
  @DisplayName("keeps a caller's UUID request id, replaces anything else, and sends it to the service and back")
  void requestIds() {
    String id = UUID.randomUUID().toString();
    HttpResponse<Buffer> kept = Await.result(gateway.client.get("/api/orders").putHeader("X-Request-Id", id).send());
    assertThat(kept.getHeader("X-Request-Id")).isEqualTo(id);
    assertThat(kept.headers().getAll("X-Request-Id")).hasSize(1);
    assertThat(echoed(kept).getJsonObject("headers").getJsonArray("x-request-id").getList()).containsExactly(id);

    HttpResponse<Buffer> replaced = Await.result(gateway.client.get("/api/orders")
        .putHeader("X-Request-Id", "'; drop table orders; --").send());
    String made = replaced.getHeader("X-Request-Id");
    assertThat(UUID.fromString(made).toString()).isEqualTo(made);
    assertThat(echoed(replaced).getJsonObject("headers").getJsonArray("x-request-id").getList()).containsExactly(made);

    String generated = gateway.get("/api/orders").getHeader("X-Request-Id");
    assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
  }

  @Test
  @DisplayName("answers with the service's status, headers and body, without its hop-by-hop headers")
  void relaysAnswer() {
    HttpResponse<Buffer> made = Await.result(gateway.request(HttpMethod.POST, "/api/orders/made")
        .sendJsonObject(new JsonObject()));
    assertThat(made.statusCode()).isEqualTo(201);
    assertThat(made.getHeader("Location")).isEqualTo("/api/orders/42");
    assertThat(made.getHeader("Retry-After")).isEqualTo("7");
    assertThat(made.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(made.getHeader("Content-Type")).isEqualTo("application/vnd.prost.test+json; charset=utf-8");
    assertThat(made.bodyAsString()).isEqualTo("{\"made\":true}");

    HttpResponse<Buffer> streamed = gateway.get("/api/cart/streamed");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.bodyAsString()).isEqualTo("first,second,third");

    HttpResponse<Buffer> echo = gateway.get("/api/users/me");
    assertThat(echo.getHeader("Connection")).isNull();
  }

  @Test
  @DisplayName("routes each service's paths, and answers a path no service owns with a 404 problem")
  void routes() {
    for (String path : List.of("/api/users/me", "/api/auth/login", "/api/products", "/api/products/1",
        "/api/categories", "/api/cart", "/api/cart/checkout", "/api/orders", "/api/orders/1", "/api/ops/sagas")) {
      assertThat(gateway.get(path).statusCode()).as(path).isEqualTo(200);
    }
    // the service is sent the path the gateway routed on
    assertThat(echoed(gateway.get("/api/cart/../users/me?a=%2F")).getString("uri")).isEqualTo("/api/users/me?a=%2F");

    int before = service.requests.get();
    for (String path : List.of("/api/nothing", "/api/carts", "/api/productsx", "/api", "/", "/users/me")) {
      assertProblem(gateway.get(path), 404, "not-found");
    }
    assertThat(service.requests.get()).isEqualTo(before);
  }

  @Test
  @DisplayName("a body over the limit is a 413 problem and never reaches the service, with or without Content-Length")
  void bodyLimit(Vertx vertx) {
    Buffer big = Buffer.buffer("x".repeat(4097));
    assertProblem(Await.result(gateway.request(HttpMethod.POST, "/api/auth/register")
        .putHeader("Content-Type", "application/json").sendBuffer(big)), 413, "payload-too-large");

    // chunked, so the gateway only finds out while reading
    HttpClient raw = vertx.createHttpClient();
    JsonObject chunked = Await.result(raw.request(HttpMethod.POST, gateway.port, "127.0.0.1", "/api/auth/register")
        .compose(request -> {
          request.setChunked(true).putHeader("Content-Type", "application/json");
          request.write(big.getBuffer(0, 2000));
          request.end(big.getBuffer(2000, 4097));
          // the answer may come before the body is all out: wait for it, not for the end of the upload
          return request.response();
        })
        .compose(response -> response.body().map(body -> new JsonObject()
            .put("status", response.statusCode())
            .put("content_type", response.getHeader("Content-Type"))
            .put("body", body.toJsonObject()))));
    assertThat(chunked.getInteger("status")).isEqualTo(413);
    assertThat(chunked.getString("content_type")).startsWith("application/problem+json");
    assertThat(chunked.getJsonObject("body").getString("type")).endsWith("/payload-too-large");
    Await.result(raw.close());
    assertThat(service.requests.get()).isZero();

    JsonObject fits = echoed(Await.result(gateway.request(HttpMethod.POST, "/api/auth/register")
        .sendBuffer(Buffer.buffer("y".repeat(4096)))));
    assertThat(fits.getString("body")).hasSize(4096);
  }
}
