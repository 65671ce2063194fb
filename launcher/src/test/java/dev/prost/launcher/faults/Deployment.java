package dev.prost.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.prost.launcher.HaproxyProcess;
import dev.prost.launcher.ProstProcess;
import dev.prost.launcher.Services;
import dev.prost.launcher.balancer.HaproxyConfig;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.PrivateRedis;
import dev.prost.platform.testing.RabbitNode;
import dev.prost.platform.testing.RabbitNodes;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Prost as an operator deploys it, for the fault suite: every instance of every service in a JVM
 * of its own ({@code prost run <service>}), one HAProxy in front of all of them (configured as
 * {@code prost balancer} renders it, as an operator runs split services), against a database,
 * a namespace, a RabbitMQ node and a Redis of the suite's own — so that killing a JVM, cutting a
 * service's database connections, restarting the broker or stopping Redis touches nothing
 * outside the test.
 */
final class Deployment implements AutoCloseable {

  static final List<String> SERVICES = Services.NAMES;
  static final List<Topology> TOPOLOGIES = Services.ALL.stream().map(Services.Service::topology).toList();
  static final String ADMIN_EMAIL = "admin@prost.test";
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  /** How long a saga waits for catalog's stock answer here (30 s by default): shorter than the faults. */
  static final Duration RESERVATION_DEADLINE = Duration.ofSeconds(4);
  private static final Duration STARTUP = Duration.ofSeconds(180);

  final TestDatabase db;
  final Vertx vertx = Vertx.vertx();
  final Map<String, String> env = new HashMap<>();
  private final Path dataDir;
  private PrivateRedis redis;
  private RabbitNodes broker;
  private final List<Node> services = new ArrayList<>();
  private HaproxyProcess haproxy;
  private int copies;

  /** One {@code prost run <what>} JVM, which can be killed and started again on its port. */
  static final class Node {
    final String service;
    final int copy;
    final int port;
    private final Map<String, String> env;
    private ProstProcess process;

    private Node(String service, int copy, int port, Map<String, String> env) {
      this.service = service;
      this.copy = copy;
      this.port = port;
      this.env = env;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    String name() {
      return service + "#" + (copy + 1);
    }

    void start() {
      process = ProstProcess.start(env, "run", service);
    }

    void awaitReady() {
      process.awaitReady(url() + "/health/ready", STARTUP);
    }

    /** SIGKILL: no shutdown hook, no drain, uncommitted transactions and unacked deliveries cut off. */
    void kill() {
      process.kill();
    }

    void destroy() {
      if (process != null) {
        process.close();
      }
    }

    /** SIGTERM; the JVM runs its graceful shutdown and exits 143, as the signal's default asks. */
    void stop() {
      if (process != null && process.isAlive()) {
        int exit = process.terminate(Duration.ofSeconds(40));
        if (exit != 0 && exit != 143) {
          System.err.println(name() + " exited with " + exit + " on SIGTERM, see " + process.log);
        }
      }
    }
  }

  // a test JVM ended by a signal (Ctrl-C on Maven, a CI timeout) leaves nothing behind either
  private final Thread orphanGuard = new Thread(() -> {
    if (haproxy != null) {
      haproxy.close();
    }
    services.forEach(Node::destroy);
    release();
  });

  private Deployment(TestDatabase db, Path dataDir) {
    this.db = db;
    this.dataDir = dataDir;
  }

  /**
   * Declares the topology, then starts {@code copies} instances of every service (all at once:
   * they migrate their schemas under Flyway's lock) and HAProxy in front of them; answers once
   * every one is ready and HAProxy sees every service up.
   */
  static Deployment start(int copies) throws IOException {
    return start(Shape.of(copies));
  }

  /**
   * A deployment's shape.
   *
   * @param copies instances of every service
   * @param brokerNodes RabbitMQ nodes of the test's own: more than one form a cluster, and the
   *     services get every node in {@code PROST_AMQP_URIS} and a quorum queue member on each (up to three)
   */
  record Shape(int copies, int brokerNodes) {
    static Shape of(int copies) {
      return new Shape(copies, 1);
    }
  }

  static Deployment start(Shape shape) throws IOException {
    Deployment deployment = new Deployment(TestDatabase.create(), Files.createTempDirectory("prost-faults"));
    try {
      Runtime.getRuntime().addShutdownHook(deployment.orphanGuard);
      deployment.launch(shape);
      return deployment;
    } catch (Throwable e) {
      deployment.close();
      throw e;
    }
  }

  private void launch(Shape shape) throws IOException {
    int copies = shape.copies();
    int brokerNodes = shape.brokerNodes();
    this.copies = copies;
    redis = PrivateRedis.start();
    broker = RabbitNodes.start(brokerNodes);
    RsaKeys keys = RsaKeys.generate();
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("PROST_REDIS_URL", redis.url().toString());
    if (brokerNodes == 1) {
      env.put("PROST_AMQP_URI", broker.uri());
    } else {
      env.put("PROST_AMQP_URIS", broker.uris());
    }
    env.put("PROST_DATA_DIR", dataDir.toString());
    env.put("PROST_JWT_PRIVATE_KEY", keys.privateKeyPem());
    env.put("PROST_JWT_PUBLIC_KEY", keys.publicKeyPem());
    env.put("PROST_JWT_TTL", "2h");
    env.put("PROST_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("PROST_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // ten JVMs must stay well inside PostgreSQL's 100 connections, which other tests share
    env.put("PROST_DB_POOL_MAX_SIZE", "4");
    // eight or ten JVMs boot at once: on a shared 2-core machine a first connection may take
    // longer than the 30 s a service waits by default
    env.put("PROST_DB_STARTUP_TIMEOUT", "120s");
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_RELAY_POLL_INTERVAL", "250ms");
    // published rows kept: the duplicate fault publishes recent ones again
    env.put("PROST_OUTBOX_RETENTION", "1h");
    env.put("PROST_PAYMENT_LATENCY", "5ms");
    // deadlines shorter than the faults: sagas time out while catalog is down or an OrderPlaced
    // waits out its retries, so compensation races late answers; tok_timeout checkouts end by
    // the payment deadline, and the refund and timeout sweepers get work
    env.put("PROST_SAGA_RESERVATION_TIMEOUT", RESERVATION_DEADLINE.toSeconds() + "s");
    env.put("PROST_SAGA_PAYMENT_TIMEOUT", "8s");
    env.put("PROST_PAYMENT_CALL_TIMEOUT", "2s");
    env.put("PROST_SAGA_SWEEP_INTERVAL", "500ms");
    env.put("PROST_PAYMENT_REFUND_INTERVAL", "1s");

    ProstProcess.Result declared = ProstProcess.run(env, "topology", "declare");
    assertThat(declared.exitCode()).as(declared.output()).isZero();

    for (int copy = 0; copy < copies; copy++) {
      for (String service : SERVICES) {
        int port = freePort();
        Map<String, String> own = new HashMap<>(env);
        own.put("PROST_" + service.toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(port));
        services.add(new Node(service, copy, port, own));
      }
    }
    services.forEach(Node::start);
    services.forEach(Node::awaitReady);
    Map<String, List<String>> addresses = new HashMap<>();
    services.forEach(node -> addresses.computeIfAbsent(node.service, s -> new ArrayList<>())
        .add("127.0.0.1:" + node.port));
    haproxy = HaproxyProcess.start(dataDir.resolve("haproxy"),
        new HaproxyConfig.Deployment("127.0.0.1", freePort(), addresses), env.get("PROST_NAMESPACE"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // every backend up in HAProxy's eyes: a path of each service answers other than 503
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Stream.of("/api/products",
        "/api/cart", "/api/orders", "/api/auth/login").allMatch(path -> {
          int status = status(http, haproxy.url() + path);
          return status != 0 && status != 503;
        }));
  }

  /** The status of a GET, or 0 when no answer came. */
  private static int status(HttpClient http, String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The base URL clients use: HAProxy's. */
  String publicUrl() {
    return haproxy.url();
  }

  List<Node> services() {
    return List.copyOf(services);
  }

  /** The instance {@code copy} (from 0) of {@code service}. */
  Node instance(String service, int copy) {
    return services.stream().filter(n -> n.service.equals(service) && n.copy == copy).findFirst().orElseThrow();
  }

  int copies() {
    return copies;
  }

  MessagingConfig messaging() {
    return MessagingConfig.from(Env.of(env));
  }

  /** The deployment's own RabbitMQ node, which the services connect to (the first of a cluster). */
  RabbitNode broker() {
    return broker.node(0);
  }

  /** Every node of the deployment's own RabbitMQ (one, or the nodes of its cluster). */
  List<RabbitNode> brokerNodes() {
    return broker.nodes();
  }

  PrivateRedis redis() {
    return redis;
  }

  void redisRestarted(PrivateRedis again) {
    redis = again;
  }

  @Override
  public void close() {
    if (haproxy != null) {
      haproxy.close();
    }
    services.forEach(Node::stop);
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the guard is releasing everything
      return;
    }
    release();
  }

  /** What the deployment holds besides its JVMs: its broker node (the namespace with it), Redis, the database. */
  private void release() {
    try {
      if (broker != null) {
        broker.close();
      }
    } catch (RuntimeException e) {
      System.err.println("could not end the deployment's RabbitMQ node: " + e.getMessage());
    } finally {
      if (redis != null) {
        redis.close();
      }
      vertx.close();
      db.close();
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }

  private int freePort() {
    return FreePorts.next();
  }
}
