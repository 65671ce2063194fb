package dev.prost.launcher.security;

import static org.awaitility.Awaitility.await;

import dev.prost.launcher.InProcessProst;
import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * All of Prost in this JVM for one test class ({@link InProcessProst}): users, catalog, cart,
 * orders and the embedded entry point in front of them, with a small body limit.
 *
 * <p>Users signs with the test key pair; catalog and cart verify with its public key pinned,
 * orders reads users' JWKS, so both ways of getting the key face the hostile tokens.
 */
final class SecurityFixture {

  /** {@code PROST_HTTP_MAX_BODY_BYTES} of every service and the entry point: small, so 413 tests are fast. */
  static final int BODY_LIMIT = 64 * 1024;
  static final String ADMIN_EMAIL = "admin@prost.test";
  static final String ADMIN_PASSWORD = "admin password of the security tests";

  final TestDatabase db;
  final RsaKeys keys;
  private final InProcessProst prost;
  private final Map<Target, WebClient> clients = new EnumMap<>(Target.class);
  private String adminToken;

  private SecurityFixture(Vertx vertx, TestDatabase db) {
    this.db = db;
    this.prost = new InProcessProst(vertx, db, Map.of(
        "PROST_HTTP_MAX_BODY_BYTES", Integer.toString(BODY_LIMIT),
        "PROST_RETRY_BASE_DELAY", "50ms",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        "PROST_PAYMENT_LATENCY", "5ms",
        "PROST_ADMIN_EMAIL", ADMIN_EMAIL,
        "PROST_ADMIN_PASSWORD", ADMIN_PASSWORD));
    this.keys = prost.keys;
    for (Target target : Target.values()) {
      clients.put(target, prost.client(target.label()));
    }
  }

  /** Starts everything and waits until every service accepts the admin's token. */
  static SecurityFixture start(Vertx vertx, TestDatabase db) {
    SecurityFixture fixture = new SecurityFixture(vertx, db);
    try {
      fixture.startAll();
    } catch (RuntimeException e) {
      fixture.stop();
      throw e;
    }
    return fixture;
  }

  private void startAll() {
    String jwksUrl = "http://127.0.0.1:" + port(Target.USERS) + "/.well-known/jwks.json";
    Map<String, String> signing = Map.of(AuthConfig.PRIVATE_KEY, keys.privateKeyPem(), AuthConfig.JWKS_URL, jwksUrl);
    Map<String, String> fromJwks = new HashMap<>();
    fromJwks.put(AuthConfig.PUBLIC_KEY, null);
    fromJwks.put(AuthConfig.JWKS_URL, jwksUrl);
    Map<String, String> pinned = Map.of(AuthConfig.JWKS_URL, jwksUrl);
    prost.start("users", prost.env(signing))
        .start("orders", prost.env(fromJwks))
        .start("catalog", prost.env(pinned))
        .start("cart", prost.env(pinned))
        .start(InProcessProst.ENTRY, prost.env(pinned));

    adminToken = Api.login(client(Target.USERS), ADMIN_EMAIL, ADMIN_PASSWORD, null);
    // orders loads users' JWKS in the background
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Await.result(client(Target.ORDERS).get("/api/orders").bearerTokenAuthentication(adminToken).send())
            .statusCode() == 200);
  }

  /** Messages in every dead-letter queue of the namespace. */
  long deadLettered() {
    return prost.deadLettered();
  }

  void stop() {
    prost.stop();
    clients.values().forEach(WebClient::close);
    clients.clear();
  }

  int port(Target target) {
    return prost.port(target.label());
  }

  /** A client for one service, or for the entry point. */
  WebClient client(Target target) {
    return clients.get(target);
  }

  /** A token of the bootstrapped admin, issued by users at start. */
  String adminToken() {
    return adminToken;
  }

  /** A valid customer token for a new random subject, signed with the users service's key. */
  String customerToken() {
    return prost.token(UUID.randomUUID(), Set.of("customer"));
  }

  String tokenFor(UUID subject, Set<String> roles) {
    return prost.token(subject, roles);
  }

  /** A category and an active product in it (stock 1000), known to the cart's projection. */
  JsonObject createProduct(String name) {
    String admin = adminToken;
    WebClient catalog = client(Target.CATALOG);
    JsonObject category = Api.expect(201, Await.result(catalog.post("/api/categories").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("name", name + " " + UUID.randomUUID())))).bodyAsJsonObject();
    JsonObject product = Api.expect(201, Await.result(catalog.post("/api/products").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("sku", "SEC-" + UUID.randomUUID()).put("name", name)
            .put("description", "a product of the security tests").put("price_cents", 1250).put("currency", "EUR")
            .put("category_id", category.getString("id")).put("stock_on_hand", 1000)))).bodyAsJsonObject();
    await().atMost(Duration.ofSeconds(30)).until(() -> db.adminScalar(
        "SELECT count(*) FROM cart_schema.product_view WHERE product_id = '" + product.getString("id") + "'") == 1);
    return product;
  }
}
