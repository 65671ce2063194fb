package dev.prost.launcher.security;

import static org.awaitility.Awaitility.await;

import dev.prost.cart.CartConfig;
import dev.prost.cart.CartService;
import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.CatalogService;
import dev.prost.catalog.CatalogTopology;
import dev.prost.launcher.gateway.GatewayConfig;
import dev.prost.launcher.gateway.GatewayService;
import dev.prost.orders.OrdersConfig;
import dev.prost.orders.OrdersService;
import dev.prost.orders.OrdersTopology;
import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.TopologyDeclarer;
import dev.prost.platform.messaging.TopologyNames;
import dev.prost.platform.messaging.TopologyPlan;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * All of Prost in this JVM for one test class: users, catalog, cart, orders and the gateway on
 * free ports, against the class's database and one random namespace, with a small body limit.
 *
 * <p>Users signs with a test key pair; catalog and cart verify with its public key pinned,
 * orders reads users' JWKS, so both ways of getting the key face the hostile tokens.
 */
final class SecurityFixture {

  /** {@code PROST_HTTP_MAX_BODY_BYTES} of every service and the gateway: small, so 413 tests are fast. */
  static final int BODY_LIMIT = 64 * 1024;
  static final String ADMIN_EMAIL = "admin@prost.test";
  static final String ADMIN_PASSWORD = "admin password of the security tests";
  static final List<Topology> TOPOLOGIES = List.of(UsersService.TOPOLOGY, CatalogTopology.TOPOLOGY,
      CartTopology.TOPOLOGY, OrdersTopology.TOPOLOGY);

  final Vertx vertx;
  final TestDatabase db;
  final RsaKeys keys = RsaKeys.generate();
  final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<Target, Integer> ports = new EnumMap<>(Target.class);
  private final Map<Target, WebClient> clients = new EnumMap<>(Target.class);
  private final List<RunningService> running = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>(System.getenv());
  private JwtIssuer issuer;
  private String adminToken;
  // whether the namespace may hold anything of ours to clean up
  private boolean declared;

  private SecurityFixture(Vertx vertx, TestDatabase db) {
    this.vertx = vertx;
    this.db = db;
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
    for (Target target : Target.values()) {
      ports.put(target, freePort());
      clients.put(target, WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(ports.get(target))));
    }
    // the keys come from here alone, whatever the machine's environment says
    env.remove(AuthConfig.PUBLIC_KEY);
    env.remove(AuthConfig.PRIVATE_KEY);
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    for (Target target : Target.values()) {
      env.put("PROST_" + target.name() + "_PORT", Integer.toString(ports.get(target)));
    }
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_HTTP_MAX_BODY_BYTES", Integer.toString(BODY_LIMIT));
    env.put("PROST_RETRY_BASE_DELAY", "50ms");
    env.put("PROST_RELAY_POLL_INTERVAL", "200ms");
    env.put("PROST_PAYMENT_LATENCY", "5ms");
    env.put("PROST_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("PROST_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put(AuthConfig.JWKS_URL, "http://127.0.0.1:" + ports.get(Target.USERS) + "/.well-known/jwks.json");
    Env pinned = withKey(AuthConfig.PUBLIC_KEY, keys.publicKeyPem());
    issuer = JwtIssuer.create(AuthConfig.from(pinned), keys);

    declared = true;
    declareTopology();
    running.add(Await.result(UsersService.start(vertx, UsersConfig.from(withKey(AuthConfig.PRIVATE_KEY,
        keys.privateKeyPem())))));
    running.add(Await.result(OrdersService.start(vertx, OrdersConfig.from(Env.of(env)))));
    running.add(Await.result(CatalogService.start(vertx, CatalogConfig.from(pinned))));
    running.add(Await.result(CartService.start(vertx, CartConfig.from(pinned))));
    running.add(Await.result(GatewayService.start(vertx, GatewayConfig.from(Env.of(env)))));

    adminToken = Api.login(client(Target.USERS), ADMIN_EMAIL, ADMIN_PASSWORD, null);
    // orders loads users' JWKS in the background
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Await.result(client(Target.ORDERS).get("/api/orders").bearerTokenAuthentication(adminToken).send())
            .statusCode() == 200);
  }

  private Env withKey(String variable, String pem) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(variable, pem);
    return Env.of(copy);
  }

  // every queue exists before anything publishes, so no early event is dropped by the broker
  private void declareTopology() {
    MessagingConfig messaging = messaging();
    AmqpConnection connection = Await.result(AmqpConnection.open(vertx, messaging, "prost-test-topology"));
    try {
      Await.result(connection.openChannel("declare").compose(channel -> channel.<Void>call(raw -> {
        new TopologyDeclarer(messaging).declare(raw, TopologyPlan.of(messaging, TOPOLOGIES));
        return null;
      })));
    } finally {
      connection.close();
    }
  }

  /** Messages in every dead-letter queue of the namespace. */
  long deadLettered() {
    MessagingConfig messaging = messaging();
    TopologyNames names = new TopologyNames(namespace);
    AmqpConnection connection = Await.result(AmqpConnection.open(vertx, messaging, "prost-test-dlq-check"));
    try {
      long total = 0;
      for (Topology topology : TOPOLOGIES) {
        for (Topology.Subscription sub : topology.subscriptions()) {
          String queue = names.deadLetterQueue(sub);
          total += Await.result(connection.openChannel("dlq-check").compose(channel -> channel.call(raw ->
              (long) raw.queueDeclarePassive(queue).getMessageCount())));
        }
      }
      return total;
    } finally {
      connection.close();
    }
  }

  MessagingConfig messaging() {
    return MessagingConfig.from(Env.of(env));
  }

  void stop() {
    for (int i = running.size() - 1; i >= 0; i--) {
      Await.result(running.get(i).stop());
    }
    running.clear();
    clients.values().forEach(WebClient::close);
    clients.clear();
    if (declared) {
      NamespaceCleanup.broker(vertx, messaging(), TOPOLOGIES.toArray(Topology[]::new));
      NamespaceCleanup.redis(vertx, RedisConnections.url(Env.of(env)), namespace);
    }
  }

  int port(Target target) {
    return ports.get(target);
  }

  /** A client for one service, or for the gateway. */
  WebClient client(Target target) {
    return clients.get(target);
  }

  /** A token of the bootstrapped admin, issued by users at start. */
  String adminToken() {
    return adminToken;
  }

  /** A valid customer token for a new random subject, signed with the users service's key. */
  String customerToken() {
    return issuer.issue(UUID.randomUUID(), Set.of("customer"));
  }

  String tokenFor(UUID subject, Set<String> roles) {
    return issuer.issue(subject, roles);
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
