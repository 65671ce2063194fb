package dev.prost.launcher;

import dev.prost.launcher.entry.EmbeddedEntry;
import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Prost services in this JVM, as {@code prost run} starts them ({@link Services}), against the
 * test class's database and one random namespace, each service and the entry point on a free port,
 * one HTTP instance each, verifying tokens of a key pair of the test's own. The whole topology
 * is declared before the first service starts (as {@code run} does); {@link #stop()} stops the
 * services newest first and deletes the namespace's queues, exchanges and Redis keys.
 */
public final class InProcessProst {

  /** The embedded entry point's name here: started after every service, it serves the public routes. */
  public static final String ENTRY = EmbeddedEntry.NAME;

  public final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
  public final RsaKeys keys = RsaKeys.generate();
  private final Vertx vertx;
  private final Map<String, Integer> ports = new HashMap<>();
  private final Map<String, String> env = new HashMap<>(System.getenv());
  private final List<RunningService> running = new ArrayList<>();
  private final JwtIssuer issuer;
  private boolean declared;

  /** @param overrides variables of the test, over the defaults described above */
  public InProcessProst(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    // the keys come from here alone, whatever the machine's environment says
    env.remove(AuthConfig.PRIVATE_KEY);
    env.put(AuthConfig.PUBLIC_KEY, keys.publicKeyPem());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    env.put("PROST_HTTP_INSTANCES", "1");
    for (String name : Services.NAMES) {
      ports.put(name, freePort());
      env.put("PROST_" + name.toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(ports.get(name)));
    }
    ports.put(ENTRY, freePort());
    env.put(EmbeddedEntry.PORT, Integer.toString(ports.get(ENTRY)));
    env.putAll(overrides);
    this.issuer = JwtIssuer.create(AuthConfig.from(env()), keys);
  }

  /** The environment every service gets by default. */
  public Env env() {
    return Env.of(env);
  }

  /** {@link #env()} with {@code changes} ({@code null} unsets a variable), for one service. */
  public Env env(Map<String, String> changes) {
    Map<String, String> copy = new HashMap<>(env);
    changes.forEach((name, value) -> {
      if (value == null) {
        copy.remove(name);
      } else {
        copy.put(name, value);
      }
    });
    return Env.of(copy);
  }

  /** Starts {@code names} in that order, with {@link #env()}. */
  public InProcessProst start(String... names) {
    for (String name : names) {
      start(name, env());
    }
    return this;
  }

  /** Starts one service (or the {@link #ENTRY}, after every service) with its own environment. */
  public InProcessProst start(String name, Env serviceEnv) {
    if (!declared) {
      declared = true;
      AmqpConnection connection = Await.result(AmqpConnection.open(vertx, messaging(), "prost-test-topology"));
      try {
        Await.result(ProstTopology.declare(connection, messaging()));
      } finally {
        connection.close();
      }
    }
    running.add(Await.result(name.equals(ENTRY) ? Services.startEntry(vertx, serviceEnv, List.copyOf(running))
        : Services.start(name, vertx, serviceEnv)));
    return this;
  }

  /**
   * Starts one more instance of the service {@code name}, on {@code other} (a Vert.x of its own,
   * as a second process would have: its own tracing) and a free port, with {@link #env()}; it
   * competes with the first for the service's queues and outbox. The gateway knows only the first.
   */
  public InProcessProst startInstance(Vertx other, String name) {
    Env own = env(Map.of("PROST_" + name.toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(freePort())));
    running.add(Await.result(Services.start(name, other, own)));
    return this;
  }

  public int port(String name) {
    return ports.get(name);
  }

  /** A new client of one service (or the {@link #ENTRY}); {@code pool} sizes its connection pool. */
  public WebClient client(String name, PoolOptions pool) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port(name)),
        pool);
  }

  public WebClient client(String name) {
    return client(name, new PoolOptions());
  }

  /** A token of the test's key pair. */
  public String token(UUID subject, Set<String> roles) {
    return issuer.issue(subject, roles);
  }

  public MessagingConfig messaging() {
    return MessagingConfig.from(env());
  }

  /** Messages in every dead-letter queue of the namespace. */
  public long deadLettered() {
    TopologyNames names = new TopologyNames(namespace);
    AmqpConnection connection = Await.result(AmqpConnection.open(vertx, messaging(), "prost-test-dlq-check"));
    try {
      long total = 0;
      for (Topology topology : ProstTopology.ALL) {
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

  /** Stops what started, newest first, and cleans the namespace. */
  public void stop() {
    for (int i = running.size() - 1; i >= 0; i--) {
      Await.result(running.get(i).stop());
    }
    running.clear();
    if (declared) {
      declared = false;
      NamespaceCleanup.broker(vertx, messaging(), ProstTopology.ALL.toArray(Topology[]::new));
      NamespaceCleanup.redis(vertx, RedisConnections.url(env()), namespace);
    }
  }

  private static int freePort() {
    return FreePorts.next();
  }
}
