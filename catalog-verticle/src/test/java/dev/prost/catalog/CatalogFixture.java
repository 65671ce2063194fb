package dev.prost.catalog;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A catalog service on a free port against the class's database and a random namespace,
 * verifying tokens with a key pair of the test's own (pinned public key, no users service).
 */
final class CatalogFixture {

  private static final RsaKeys KEYS = RsaKeys.generate();

  final Vertx vertx;
  final String namespace;
  final int port;
  final WebClient client;
  final String adminToken;
  final String customerToken;
  private final TestDatabase db;
  private final Map<String, String> overrides;
  private RunningService running;

  CatalogFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    this.db = db;
    this.overrides = overrides;
    this.namespace = overrides.getOrDefault("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    JwtIssuer issuer = JwtIssuer.create(AuthConfig.from(Env.of(env())), KEYS);
    this.adminToken = issuer.issue(UUID.randomUUID(), Set.of("admin", "customer"));
    this.customerToken = issuer.issue(UUID.randomUUID(), Set.of("customer"));
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    env.put("PROST_CATALOG_PORT", Integer.toString(port));
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_JWT_PUBLIC_KEY", KEYS.publicKeyPem());
    env.putAll(overrides);
    return env;
  }

  CatalogFixture start() {
    running = Await.result(CatalogService.start(vertx, CatalogConfig.from(Env.of(env()))));
    return this;
  }

  void stop() {
    if (running != null) {
      Await.result(running.stop());
      running = null;
      CatalogConfig config = CatalogConfig.from(Env.of(env()));
      NamespaceCleanup.broker(vertx, config.messaging(), CatalogTopology.TOPOLOGY);
      try {
        NamespaceCleanup.redis(vertx, config.redisUrl(), namespace);
      } catch (RuntimeException e) {
        // a test that stopped its own Redis has nothing left to clean there
      }
    }
  }

  HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.request(io.vertx.core.http.HttpMethod.valueOf(method), path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }

  HttpResponse<Buffer> get(String path) {
    return send("GET", path, null, null);
  }

  String createCategory(String name) {
    HttpResponse<Buffer> response = send("POST", "/api/categories", adminToken, new JsonObject().put("name", name));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("id");
  }

  JsonObject createProduct(String categoryId, String sku, String name, String description, long price, int stock) {
    HttpResponse<Buffer> response = send("POST", "/api/products", adminToken, product(categoryId, sku, name,
        description, price, stock));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  static JsonObject product(String categoryId, String sku, String name, String description, long price, int stock) {
    return new JsonObject().put("sku", sku).put("name", name).put("description", description)
        .put("price_cents", price).put("currency", "EUR").put("category_id", categoryId)
        .put("supplier_id", null).put("stock_on_hand", stock);
  }
}
