package dev.prost.platform.testing;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One service started as in production, against the test class's database and a namespace of
 * its own, on a free port: what every service's test fixture needs. Its environment is the
 * process's, then the test's database, namespace and port, one HTTP instance and (for the
 * services that verify tokens) the public key of a key pair of the tests' own, then the test's
 * overrides. {@link #stop()} stops the service and deletes what it left on the broker and in Redis.
 */
public final class ServiceFixture {

  /** The tests' signing keys: tokens {@link #token issued} with them pass the service's verifier. */
  public static final RsaKeys KEYS = RsaKeys.generate();

  public final Vertx vertx;
  public final String namespace;
  public final int port;
  public final WebClient client;
  private final TestDatabase db;
  private final ServiceSchema schema;
  private final Topology topology;
  private final Map<String, String> env;
  private RunningService running;
  private Future<Void> stopping;
  private Pool pool;
  private AmqpConnection connection;
  private EventPublisher publisher;

  /**
   * @param overrides environment variables of the test ({@code null} unsets one); {@code PROST_NAMESPACE}
   *     among them keeps that namespace
   */
  public ServiceFixture(Vertx vertx, TestDatabase db, Topology topology, Map<String, String> overrides) {
    this.vertx = vertx;
    this.db = db;
    this.topology = topology;
    this.schema = ServiceSchema.of(topology.service());
    this.port = freePort();
    this.namespace = overrides.getOrDefault("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    env.put("PROST_" + schema.service().toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(port));
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_JWT_PUBLIC_KEY", KEYS.publicKeyPem());
    // published rows kept (the relay deletes them by default): a service's tests read what it wrote to its outbox
    env.put("PROST_OUTBOX_RETENTION", "1h");
    overrides.forEach((name, value) -> {
      if (value == null) {
        env.remove(name);
      } else {
        env.put(name, value);
      }
    });
    this.env = Map.copyOf(env);
  }

  /** The service's environment, to build its config from. */
  public Env env() {
    return Env.of(env);
  }

  public Map<String, String> variables() {
    return env;
  }

  /** Starts the service: {@code start} is its {@code start(vertx, Config.from(env))}. */
  public ServiceFixture start(Function<Env, Future<RunningService>> start) {
    running = Await.result(start.apply(env()));
    stopping = null;
    return this;
  }

  /** Asks the running service to stop, without waiting; {@link #stop()} waits for it and cleans up. */
  public Future<Void> stopRequested() {
    if (stopping == null) {
      stopping = running.stop();
    }
    return stopping;
  }

  /** Stops the service if it runs, then deletes its namespace's queues, exchanges and Redis keys. */
  public void stop() {
    if (running == null) {
      return;
    }
    Await.result(stopRequested());
    running = null;
    if (connection != null) {
      connection.close();
      connection = null;
      publisher = null;
    }
    MessagingConfig messaging = MessagingConfig.from(env());
    NamespaceCleanup.broker(vertx, messaging, topology);
    try {
      NamespaceCleanup.redis(vertx, RedisConnections.url(env()), namespace);
    } catch (RuntimeException e) {
      // a test that stopped its own Redis has nothing left to clean there
    }
  }

  /** A pool on the service's schema, as its role; closed by {@link #close()}. */
  public Pool pool() {
    if (pool == null) {
      pool = ServicePool.create(vertx, DatabaseConfig.from(env(), schema.service()), schema);
    }
    return pool;
  }

  /** Stops the service and closes the fixture's own pool. */
  public void close() {
    stop();
    if (pool != null) {
      Await.result(pool.close());
      pool = null;
    }
  }

  /** A token of {@link #KEYS} for {@code user} with {@code roles} (none: customer). */
  public String token(UUID user, String... roles) {
    return JwtIssuer.create(AuthConfig.from(env()), KEYS).issue(user, roles.length == 0 ? Set.of("customer")
        : Set.of(roles));
  }

  /** Sends {@code body} (or nothing) with the bearer {@code token} (or none). */
  public HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.request(HttpMethod.valueOf(method), path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** Publishes as another service's relay would, and waits for the broker's confirm. */
  public void publish(OutgoingMessage message) {
    if (publisher == null) {
      MessagingConfig messaging = MessagingConfig.from(env());
      connection = Await.result(AmqpConnection.open(vertx, messaging, "prost-test-" + schema.service()));
      publisher = Await.result(EventPublisher.create(vertx, connection, messaging.confirmTimeout(),
          new MessagingMetrics(new SimpleMeterRegistry(), "test")));
    }
    Await.result(publisher.publish(message));
  }

  public long scalar(String sql) {
    return Await.result(pool().query(sql).execute()).iterator().next().getLong(0);
  }

  public void sql(String sql) {
    Await.result(pool().query(sql).execute());
  }

  private static int freePort() {
    return FreePorts.next();
  }
}
