package dev.prost.launcher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A gateway on a free port in front of the given service URLs, and a client for it. */
final class GatewayFixture {

  final int port;
  final WebClient client;
  private final RunningService running;

  private GatewayFixture(int port, WebClient client, RunningService running) {
    this.port = port;
    this.client = client;
    this.running = running;
  }

  /** {@code env} names the services ({@code PROST_USERS_URL} ...) and any other setting. */
  static GatewayFixture start(Vertx vertx, Map<String, String> env) {
    int port = freePort();
    Map<String, String> all = new HashMap<>(System.getenv());
    all.put("PROST_GATEWAY_PORT", Integer.toString(port));
    all.put("PROST_HTTP_INSTANCES", "1");
    all.putAll(env);
    RunningService running = Await.result(GatewayService.start(vertx, GatewayConfig.from(Env.of(all))));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    return new GatewayFixture(port, client, running);
  }

  /** Every service URL pointing at {@code url}, plus {@code more} settings. */
  static Map<String, String> allAt(String url, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("PROST_USERS_URL", url, "PROST_CATALOG_URL", url,
        "PROST_CART_URL", url, "PROST_ORDERS_URL", url));
    env.putAll(more);
    return env;
  }

  /** A port nobody listens on (free a moment ago). */
  static int freePort() {
    return FreePorts.next();
  }

  HttpRequest<Buffer> request(HttpMethod method, String uri) {
    return client.request(method, uri);
  }

  HttpResponse<Buffer> get(String uri) {
    return Await.result(client.get(uri).send());
  }

  void stop() {
    Await.result(running.stop());
    client.close();
  }

  /** Asserts a problem+json answer with {@code status} and type {@code .../<type>}; answers its body. */
  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("https://prost.dev/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("instance")).isEqualTo("urn:uuid:" + response.getHeader("X-Request-Id"));
    assertThat(response.bodyAsString()).doesNotContain("Exception", "\tat ", "127.0.0.1");
    return problem;
  }
}
