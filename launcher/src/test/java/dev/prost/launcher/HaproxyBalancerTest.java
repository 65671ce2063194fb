package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.launcher.balancer.HaproxyConfig.Deployment;
import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered HAProxy configuration, run by the machine's HAProxy in front of two catalog
 * processes: the health check takes a killed instance out of the rotation without a browse
 * going unanswered, and a service with no instance left gets HAProxy's problem+json 503.
 */
@DisplayName("HAProxy in front of a split deployment")
class HaproxyBalancerTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @TempDir
  static Path dir;

  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<ProstProcess> catalogs = new ArrayList<>();
  private static Map<String, String> env;
  private static HaproxyProcess haproxy;

  @BeforeAll
  static void start() throws IOException {
    env = new HashMap<>();
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("PROST_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
    env.put("PROST_HTTP_INSTANCES", "1");
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int port = freePort();
      Map<String, String> own = new HashMap<>(env);
      own.put("PROST_CATALOG_PORT", Integer.toString(port));
      catalogs.add(ProstProcess.start(own, "run", "catalog")
          .awaitReady("http://127.0.0.1:" + port + "/health/ready", Duration.ofSeconds(120)));
      addresses.add("127.0.0.1:" + port);
    }
    // the other services are not running: their backends are down, which the 503 test uses
    String nobody = "127.0.0.1:" + freePort();
    int publicPort = freePort();
    haproxy = HaproxyProcess.start(dir.resolve("haproxy"), new Deployment("127.0.0.1", publicPort, Map.of(
        "catalog", addresses, "users", List.of(nobody), "cart", List.of(nobody), "orders", List.of(nobody))),
        env.get("PROST_NAMESPACE"));
    // both catalog instances up in HAProxy's eyes: answered, and by either
    await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/products") == 200);
  }

  @AfterAll
  static void stop() {
    if (haproxy != null) {
      haproxy.close();
    }
    catalogs.forEach(ProstProcess::close);
    Vertx vertx = Vertx.vertx();
    try {
      MessagingConfig messaging = MessagingConfig.from(Env.of(env));
      NamespaceCleanup.broker(vertx, messaging, ProstTopology.ALL.toArray(Topology[]::new));
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("an unknown path and a service with no instance get HAProxy's own problem+json, never an HTML page")
  void ownErrorsAreProblems() throws Exception {
    HttpResponse<String> unknown = get("/nowhere");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new JsonObject(unknown.body()).getString("type")).isEqualTo("https://prost.dev/problems/not-found");

    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status("/api/cart")).as("answers: %s", failures).isEqualTo(503));
    HttpResponse<String> down = get("/api/cart");
    assertThat(down.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(down.body());
    assertThat(problem.getString("type")).isEqualTo("https://prost.dev/problems/service-unavailable");
    assertThat(problem.getInteger("status")).isEqualTo(503);
    assertThat(down.body()).doesNotContain("<html", "127.0.0.1");
  }

  @Test
  @DisplayName("killing one of two catalog instances leaves every browse answered")
  void killedInstanceLeavesTheRotation() throws Exception {
    AtomicBoolean browsing = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService browsers = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      browsers.submit(() -> {
        while (browsing.get()) {
          statuses.merge(status("/api/products?size=5"), 1, Integer::sum);
          answered.incrementAndGet();
        }
        return null;
      });
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 100);
    catalogs.get(0).kill();
    int atKill = answered.get();
    // past the health check's two failed probes (1 s apart) and then some
    await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= atKill + 400);
    browsing.set(false);
    browsers.shutdown();
    assertThat(browsers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(statuses).as("statuses; no answer: %s", failures).containsOnlyKeys(200);
  }

  private static final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

  /** The status of a GET, or -1 when no answer came (the cause is kept for the assertion's message). */
  private static int status(String path) {
    try {
      HttpResponse<String> response = get(path);
      if (response.statusCode() != 200 || !path.startsWith("/api/products")) {
        failures.add(path + ": " + response.statusCode() + " " + response.headers().map() + " " + response.body());
      }
      return response.statusCode();
    } catch (Exception e) {
      failures.add(path + ": " + e);
      return -1;
    }
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(haproxy.url() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    return FreePorts.next();
  }
}
