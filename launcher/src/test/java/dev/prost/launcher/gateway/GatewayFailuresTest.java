package dev.prost.launcher.gateway;

import static dev.prost.launcher.gateway.GatewayFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The gateway when a service is down or slow")
class GatewayFailuresTest {

  @Test
  @DisplayName("a service nobody listens on is a 502 problem naming it, without internals")
  void unreachable(Vertx vertx) {
    GatewayFixture gateway = GatewayFixture.start(vertx,
        GatewayFixture.allAt("http://127.0.0.1:" + GatewayFixture.freePort(), Map.of()));
    try {
      JsonObject problem = assertProblem(gateway.get("/api/products?page=1"), 502, "bad-gateway");
      assertThat(problem.getString("detail")).contains("catalog");
      assertProblem(gateway.get("/api/auth/login"), 502, "bad-gateway");
    } finally {
      gateway.stop();
    }
  }

  @Test
  @DisplayName("a service that never answers is a 504 problem once the timeout has passed")
  void silent(Vertx vertx) {
    try (StubService silent = StubService.silent(vertx)) {
      GatewayFixture gateway = GatewayFixture.start(vertx,
          GatewayFixture.allAt(silent.url(), Map.of("PROST_GATEWAY_TIMEOUT", "300ms")));
      try {
        long start = System.nanoTime();
        HttpResponse<Buffer> response = gateway.get("/api/orders");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        JsonObject problem = assertProblem(response, 504, "gateway-timeout");
        assertThat(problem.getString("detail")).contains("orders");
        assertThat(tookMs).isBetween(300L, 5_000L);
        assertThat(silent.requests.get()).isEqualTo(1);
      } finally {
        gateway.stop();
      }
    }
  }

  @Test
  @DisplayName("readiness is 503 naming the services that do not answer, 200 once all do; liveness is always 200")
  void readiness(Vertx vertx) {
    try (StubService up = StubService.echo(vertx)) {
      String down = "http://127.0.0.1:" + GatewayFixture.freePort();
      GatewayFixture partly = GatewayFixture.start(vertx, Map.of("PROST_USERS_URL", up.url(),
          "PROST_CATALOG_URL", down, "PROST_CART_URL", up.url(), "PROST_ORDERS_URL", down));
      try {
        assertThat(partly.get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> ready = partly.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonObject report = ready.bodyAsJsonObject();
        assertThat(report.getJsonObject("checks").getMap()).containsExactlyInAnyOrderEntriesOf(
            Map.of("users", "UP", "catalog", "DOWN", "cart", "UP", "orders", "DOWN"));
        assertThat(report.getJsonObject("reasons").fieldNames()).containsExactlyInAnyOrder("catalog", "orders");
      } finally {
        partly.stop();
      }

      GatewayFixture whole = GatewayFixture.start(vertx, GatewayFixture.allAt(up.url(), Map.of()));
      try {
        assertThat(whole.get("/health/ready").statusCode()).isEqualTo(200);
      } finally {
        whole.stop();
      }
    }
  }

  @Test
  @DisplayName("/metrics counts requests per service and status, and what the gateway answered itself")
  void metrics(Vertx vertx) {
    try (StubService up = StubService.echo(vertx)) {
      GatewayFixture gateway = GatewayFixture.start(vertx, Map.of("PROST_USERS_URL", up.url(),
          "PROST_CATALOG_URL", "http://127.0.0.1:" + GatewayFixture.freePort()));
      try {
        gateway.get("/api/users/me");
        gateway.get("/api/products");
        gateway.get("/api/nothing");
        String scrape = gateway.get("/metrics").bodyAsString();
        assertThat(scrape)
            .contains("prost_gateway_requests_seconds_count{method=\"GET\",status=\"200\",upstream=\"users\"} 1")
            .contains("prost_gateway_requests_seconds_count{method=\"GET\",status=\"502\",upstream=\"catalog\"} 1")
            .contains("prost_gateway_requests_seconds_count{method=\"GET\",status=\"404\",upstream=\"none\"} 1");
      } finally {
        gateway.stop();
      }
    }
  }
}
