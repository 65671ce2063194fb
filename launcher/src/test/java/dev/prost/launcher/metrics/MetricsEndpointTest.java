package dev.prost.launcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.launcher.InProcessProst;
import dev.prost.orders.OrdersTopology;
import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.metrics.ProcessMetrics;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every service of one process on a Vert.x with its metrics on, as {@code prost run all} makes
 * it: {@code /metrics} has the meters docs/operations.md names, Vert.x's, the JVM's and Prost's,
 * each service's tagged with it.
 */
@DisplayName("/metrics exposes the Vert.x, JVM and Prost meters named in the docs")
class MetricsEndpointTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static Vertx vertx;
  private static InProcessProst prost;

  @BeforeAll
  static void start() {
    vertx = ProcessMetrics.vertx();
    prost = new InProcessProst(vertx, db, Map.of());
    prost.start("users", prost.env(Map.of(AuthConfig.PRIVATE_KEY, prost.keys.privateKeyPem())))
        .start("catalog", "cart", "orders", InProcessProst.ENTRY);
  }

  @AfterAll
  static void stop() {
    try {
      if (prost != null) {
        prost.stop();
      }
    } finally {
      Await.result(vertx.close());
    }
  }

  @Test
  @DisplayName("a service's /metrics: Vert.x HTTP, pool, event-loop and event-bus meters, JVM and process binders, Prost's own")
  void serviceMetrics() {
    WebClient catalog = prost.client("catalog");
    assertThat(Await.result(catalog.get("/api/products").send()).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(catalog))
        .containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"/api/products\"[^}]*service=\"catalog\"")
        .contains("vertx_http_server_response_time_seconds_bucket{")
        .contains("vertx_http_server_active_connections{")
        .contains("vertx_pool_in_use{")
        .contains("vertx_eventbus_processed_total{")
        .contains("netty_eventexecutor_tasks_pending{")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_memory_allocated_bytes_total")
        .contains("jvm_threads_live_threads")
        .contains("process_cpu_usage")
        .contains("system_cpu_count")
        .contains("process_uptime_seconds")
        .contains("prost_http_requests_seconds_count{")
        .contains("prost_outbox_backlog{service=\"catalog\"}")
        .contains("prost_outbox_backlog{service=\"orders\"}")
        .containsPattern("prost_queue_ready\\{queue=\"[^\"]+\\.catalog\",service=\"catalog\"}")
        .containsPattern("prost_dlq_depth\\{queue=\"[^\"]+\\.dlq\",service=\"orders\"}")
        .contains("prost_sagas_started_total{service=\"orders\"}")
        .contains("prost_cart_checkout_backlog_seconds")
        .contains("prost_admission_refused_total{cause=\"backlog\",lane=\"checkouts\",service=\"cart\"}")
        .contains("prost_saga_completion_seconds_bucket{"));
  }

  @Test
  @DisplayName("the embedded entry point serves the process's /metrics, its requests tagged with the service of their path")
  void entryMetrics() {
    WebClient entry = prost.client(InProcessProst.ENTRY);
    assertThat(Await.result(entry.get("/api/products").send()).statusCode()).isEqualTo(200);
    String port = Integer.toString(prost.port(InProcessProst.ENTRY));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(entry))
        .contains("jvm_memory_used_bytes{")
        .contains("prost_outbox_backlog{service=\"users\"}")
        .containsPattern("vertx_http_server_requests_total\\{[^}]*local=\"[^\"]*:" + port
            + "\"[^}]*route=\"/api/products\"[^}]*service=\"catalog\"")
        .containsPattern("vertx_http_server_active_connections\\{local=\"[^\"]*:" + port + "\",service=\""
            + InProcessProst.ENTRY + "\"}"));
  }

  @Test
  @DisplayName("a message in a dead-letter queue shows in prost_dlq_depth of the service that owns it")
  void deadLetterDepth() {
    Topology.Subscription sub = OrdersTopology.TOPOLOGY.subscriptions().get(0);
    String dlq = new TopologyNames(prost.namespace).deadLetterQueue(sub);
    AmqpConnection connection = Await.result(AmqpConnection.open(vertx, prost.messaging(), "prost-test-dlq-depth"));
    try {
      Await.result(connection.openChannel("dlq-depth").compose(channel -> channel.call(raw -> {
        raw.basicPublish("", dlq, null, "{}".getBytes(StandardCharsets.UTF_8));
        raw.close();
        return null;
      })));
    } finally {
      connection.close();
    }
    WebClient orders = prost.client("orders");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(orders))
        .contains("prost_dlq_depth{queue=\"" + dlq + "\",service=\"orders\"} 1.0"));
  }

  private static String scrape(WebClient client) {
    var response = Await.result(client.get("/metrics").send());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsString();
  }
}
