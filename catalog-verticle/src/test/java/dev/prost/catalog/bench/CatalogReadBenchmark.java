package dev.prost.catalog.bench;

import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.CatalogService;
import dev.prost.catalog.CatalogTopology;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Serves the two endpoints {@code scripts/bench catalog} drives with wrk: the catalog's
 * {@code GET /api/products/{id}} with a warm cache, and a bare Vert.x endpoint returning
 * the same JSON bytes, with as many HTTP verticles as the service. Prints their URLs, then
 * runs until the script stops it.
 */
public final class CatalogReadBenchmark {

  public static void main(String[] args) throws Exception {
    int instances = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    TestDatabase db = TestDatabase.create();
    RsaKeys keys = RsaKeys.generate();
    int port = freePort();
    int barePort = freePort();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://127.0.0.1:5432/" + db.name());
    env.put("PROST_NAMESPACE", "bench-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("PROST_CATALOG_PORT", Integer.toString(port));
    env.put("PROST_JWT_PUBLIC_KEY", keys.publicKeyPem());
    env.put("PROST_PRODUCT_CACHE_TTL", "1h");
    CatalogConfig config = CatalogConfig.from(Env.of(env));
    RunningService catalog = Await.result(CatalogService.start(vertx, config));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Await.result(catalog.stop());
      NamespaceCleanup.broker(vertx, config.messaging(), CatalogTopology.TOPOLOGY);
      NamespaceCleanup.redis(vertx, config.redisUrl(), config.messaging().namespace());
      db.close();
    }));

    String admin = JwtIssuer.create(AuthConfig.from(Env.of(env)), keys).issue(UUID.randomUUID(), Set.of("admin"));
    WebClient client = WebClient.create(vertx);
    String category = Await.result(client.post(port, "127.0.0.1", "/api/categories").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("name", "Bench"))).bodyAsJsonObject().getString("id");
    String id = Await.result(client.post(port, "127.0.0.1", "/api/products").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("sku", "BENCH-1").put("name", "Benchmark teapot")
            .put("description", "Porcelain, one litre, hand-painted").put("price_cents", 2599).put("currency", "EUR")
            .put("category_id", category).put("supplier_id", null).put("stock_on_hand", 100)))
        .bodyAsJsonObject().getString("id");
    // warm the cache, and take the exact bytes the bare endpoint will answer with
    Buffer body = Await.result(client.get(port, "127.0.0.1", "/api/products/" + id).send()).body();

    Await.result(vertx.deployVerticle(() -> new Bare(body, barePort), new DeploymentOptions().setInstances(instances)));
    System.out.println("cached http://127.0.0.1:" + port + "/api/products/" + id);
    System.out.println("bare http://127.0.0.1:" + barePort + "/api/products/" + id);
    System.out.println("ready (" + body.length() + "-byte product, " + instances + " HTTP verticles each)");
    Thread.currentThread().join();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The floor: no routing, no validation, no cache, the same response bytes. */
  private static final class Bare extends VerticleBase {
    private final Buffer body;
    private final int port;

    Bare(Buffer body, int port) {
      this.body = body;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer()
          .requestHandler(req -> req.response().putHeader("content-type", "application/json").end(body))
          .listen(port);
    }
  }

  private CatalogReadBenchmark() {}
}
