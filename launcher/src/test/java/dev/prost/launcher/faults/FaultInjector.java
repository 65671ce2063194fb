package dev.prost.launcher.faults;

import static org.awaitility.Awaitility.await;

import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.PrivateRedis;
import dev.prost.platform.testing.RabbitNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The faults, each injected into the running deployment and written to the log with what it
 * did. A fault returns once it is over (the broker back, the killed JVM serving again); whether
 * the checkouts in flight survived it is for the checks at the end.
 */
final class FaultInjector {

  /** One fault as injected. */
  record Injected(String kind, String detail) {}

  /**
   * The time a broker node fault was on and recovered from ({@link System#nanoTime()}): the
   * checkouts begun in it are the ones the failover could slow down.
   */
  record Window(String fault, long from, long to) {}

  private static final Duration CUT_FOR = Duration.ofSeconds(3);

  private final Deployment deployment;
  private final Api api;
  private final Shop shop;
  private final FaultPlan plan;
  private final List<Injected> log = new ArrayList<>();
  private final List<PoisonMessages.Poison> poison = new ArrayList<>();
  private final List<Duplicates.Copy> copies = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<Window> windows = new ArrayList<>();

  FaultInjector(Deployment deployment, Api api, Shop shop, FaultPlan plan) {
    this.deployment = deployment;
    this.api = api;
    this.shop = shop;
    this.plan = plan;
  }

  /** Shuts the deployment's RabbitMQ node down and boots it again: every connection of every service drops. */
  void restartBroker() {
    long started = System.nanoTime();
    deployment.broker().stop();
    deployment.broker().start();
    deployment.services().forEach(Deployment.Node::awaitReady);
    record("RabbitMQ restart", "node shut down and booted again; every service ready again after " + since(started));
  }

  /**
   * SIGKILL to the cluster node that leads the most of the deployment's quorum queues; the
   * survivors elect new leaders and the services' connections to the dead node recover to the
   * others. Measures how long until every queue has a leader again and until every service is
   * ready again (its broker connection open), then boots the node again with its data, and waits
   * until it is back in every queue's membership.
   */
  void killLeaderNode() {
    Map<String, String> leadersBefore = leaders(deployment.brokerNodes().get(0));
    RabbitNode victim = mostLeaders(deployment.brokerNodes(), leadersBefore);
    List<String> queues = List.copyOf(leadersBefore.keySet());
    long before = leadersBefore.values().stream().filter(victim.name()::equals).count();
    long started = System.nanoTime();
    victim.kill();
    RabbitNode survivor = deployment.brokerNodes().stream().filter(n -> n != victim).findFirst().orElseThrow();
    await().alias("new queue leaders after " + victim.name() + " was killed").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
          Map<String, String> leaders = leaders(survivor);
          return queues.stream().allMatch(q -> leaders.containsKey(q) && !leaders.get(q).equals(victim.name()));
        });
    String elected = since(started);
    deployment.services().forEach(Deployment.Node::awaitReady);
    String ready = since(started);
    victim.start();
    await().alias(victim.name() + " back in every queue").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> onlineEverywhere(survivor, victim, queues));
    windows.add(new Window("node SIGKILL", started, System.nanoTime()));
    record("node SIGKILL", victim.name() + " (leader of " + before + " of " + queues.size() + " queues) killed; new"
        + " leaders after " + elected + ", every service ready after " + ready + "; started again, a queue member"
        + " again after " + since(started));
  }

  /**
   * SIGSTOP to the node that leads the most queues, {@code paused} long, then SIGCONT: the node
   * stops answering peers and clients but keeps its sockets, until heartbeats and the quorum's
   * own failure detection give up on it.
   */
  void pauseLeaderNode(Duration paused) throws InterruptedException {
    Map<String, String> leadersBefore = leaders(deployment.brokerNodes().get(0));
    RabbitNode victim = mostLeaders(deployment.brokerNodes(), leadersBefore);
    List<String> queues = List.copyOf(leadersBefore.keySet());
    long before = leadersBefore.values().stream().filter(victim.name()::equals).count();
    long started = System.nanoTime();
    victim.pause();
    Thread.sleep(paused.toMillis());
    victim.resume();
    deployment.services().forEach(Deployment.Node::awaitReady);
    String ready = since(started);
    RabbitNode other = deployment.brokerNodes().stream().filter(n -> n != victim).findFirst().orElseThrow();
    await().alias(victim.name() + " back in every queue after SIGCONT").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> onlineEverywhere(other, victim, queues));
    windows.add(new Window("node SIGSTOP", started, System.nanoTime()));
    record("node SIGSTOP", victim.name() + " (leader of " + before + " of " + queues.size() + " queues) paused " + paused.toSeconds() + " s, resumed; every service ready "
        + ready + " after the pause began, the node a queue member again after " + since(started));
  }

  /** The node leading the most of the deployment's queues. */
  private static RabbitNode mostLeaders(List<RabbitNode> nodes, Map<String, String> leaders) {
    Map<String, Long> led = leaders.values().stream()
        .collect(Collectors.groupingBy(leader -> leader, Collectors.counting()));
    return nodes.stream().max(Comparator.comparingLong(n -> led.getOrDefault(n.name(), 0L))).orElseThrow();
  }

  /** The deployment's quorum queues and their leaders, as {@code node} sees them. */
  private Map<String, String> leaders(RabbitNode node) {
    String prefix = deployment.messaging().namespace() + ".";
    Map<String, String> leaders = new HashMap<>();
    for (String line : node.ctl("-q", "list_queues", "--no-table-headers", "name", "type", "leader").split("\n")) {
      String[] columns = line.split("\t");
      if (columns.length == 3 && columns[0].startsWith(prefix) && columns[1].equals("quorum")) {
        leaders.put(columns[0], columns[2].trim());
      }
    }
    return leaders;
  }

  /** Whether {@code node} is an online member of every one of {@code queues}, as {@code asked} sees it. */
  private static boolean onlineEverywhere(RabbitNode asked, RabbitNode node, List<String> queues) {
    Map<String, String> online = new HashMap<>();
    for (String line : asked.ctl("-q", "list_queues", "--no-table-headers", "name", "online").split("\n")) {
      String[] columns = line.split("\t");
      if (columns.length == 2) {
        online.put(columns[0], columns[1]);
      }
    }
    return queues.stream().allMatch(q -> online.getOrDefault(q, "").contains(node.name()));
  }

  /** The broker node faults' windows, in order. */
  List<Window> windows() {
    return List.copyOf(windows);
  }

  /** SIGKILL to one service JVM, then the same command started again at once. */
  void kill(String service, int copy) throws InterruptedException {
    kill(service, copy, Duration.ZERO);
  }

  /**
   * SIGKILL to one service JVM, which stays down for {@code down} before it is started again:
   * longer than a saga deadline, the sagas waiting on it time out and compensate meanwhile.
   */
  void kill(String service, int copy, Duration down) throws InterruptedException {
    Deployment.Node node = deployment.instance(service, copy);
    long started = System.nanoTime();
    node.kill();
    Thread.sleep(down.toMillis());
    node.start();
    node.awaitReady();
    record("SIGKILL", node.name() + " killed" + (down.isZero() ? "" : ", down for " + down.toSeconds() + " s")
        + ", started again, ready after " + since(started));
  }

  /**
   * Terminates every PostgreSQL backend of the service's role in the deployment's database, again
   * and again for {@link #CUT_FOR}: an idle pooled connection is simply replaced, so it takes a
   * database that keeps dropping connections to catch transactions in flight.
   */
  void terminateBackends(String service) throws InterruptedException {
    String role = service + "_svc";
    String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '" + role
        + "' AND datname = '" + deployment.db.name() + "'";
    long until = System.nanoTime() + CUT_FOR.toNanos();
    long terminated = 0;
    do {
      terminated += deployment.db.adminScalar(sql);
      Thread.sleep(50);
    } while (System.nanoTime() < until);
    record("pg_terminate_backend", terminated + " backends of " + role + " terminated over " + CUT_FOR.toSeconds()
        + " s");
  }

  /** Publishes the latest events of every type again, with their ids. */
  void duplicate() {
    List<Duplicates.Copy> sent = withPublisher(publisher -> Duplicates.publish(deployment.db, publisher,
        names(), 2));
    copies.addAll(sent);
    record("duplicate deliveries", sent.size() + " events published again with their event ids, "
        + sent.stream().map(Duplicates.Copy::eventType).distinct().count() + " types");
  }

  /** Four kinds of poison to every work queue. */
  void poison() {
    List<PoisonMessages.Poison> sent = withPublisher(publisher -> PoisonMessages.publish(publisher, names(),
        Deployment.TOPOLOGIES));
    poison.addAll(sent);
    record("poison messages", sent.size() + " to " + sent.stream().map(PoisonMessages.Poison::workQueue).distinct()
        .count() + " work queues (malformed JSON, unknown type, future version, wrong field types)");
  }

  /**
   * Stops the deployment's Redis for the plan's outage; meanwhile product reads and logins must
   * still answer 200 (catalog reads PostgreSQL, the login throttle fails open). Then Redis comes
   * back empty and catalog and users must report ready again.
   */
  void redisOutage() throws Exception {
    Duration outage = plan.redisOutage();
    PrivateRedis redis = deployment.redis();
    redis.stop();
    long until = System.nanoTime() + outage.toNanos();
    String product = shop.products().get(0).toString();
    int reads = 0;
    int readsOk = 0;
    int logins = 0;
    int loginsOk = 0;
    do {
      reads++;
      readsOk += api.get("/api/products/" + product, null).is(200) ? 1 : 0;
      logins++;
      loginsOk += Shop.tryLogin(api, shop.customers.get(logins % shop.customers.size())).is(200) ? 1 : 0;
      Thread.sleep(250);
    } while (System.nanoTime() < until);
    deployment.redisRestarted(redis.restart());
    for (Deployment.Node node : deployment.services()) {
      if (node.service.equals("catalog") || node.service.equals("users")) {
        node.awaitReady();
      }
    }
    if (readsOk < reads || loginsOk < logins) {
      problems.add("during the Redis outage " + (reads - readsOk) + " product reads and " + (logins - loginsOk)
          + " logins failed");
    }
    record("Redis outage", outage.toSeconds() + " s: " + readsOk + "/" + reads + " product reads and " + loginsOk
        + "/" + logins + " logins answered 200; catalog and users ready again after");
  }

  List<Injected> log() {
    return List.copyOf(log);
  }

  List<PoisonMessages.Poison> poisonSent() {
    return List.copyOf(poison);
  }

  List<Duplicates.Copy> copiesSent() {
    return List.copyOf(copies);
  }

  /** What went wrong while a fault was on, as the clients saw it. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  private <T> T withPublisher(Function<EventPublisher, T> work) {
    MessagingConfig messaging = deployment.messaging();
    AmqpConnection connection = Await.result(AmqpConnection.open(deployment.vertx, messaging, "prost-fault-suite"));
    try {
      EventPublisher publisher = Await.result(EventPublisher.create(deployment.vertx, connection,
          messaging.confirmTimeout(), new MessagingMetrics(new SimpleMeterRegistry(), "faults")));
      try {
        return work.apply(publisher);
      } finally {
        publisher.close();
      }
    } finally {
      connection.close();
    }
  }

  private TopologyNames names() {
    return new TopologyNames(deployment.messaging().namespace());
  }

  private void record(String kind, String detail) {
    log.add(new Injected(kind, detail));
    System.out.printf("fault %d: %s — %s%n", log.size(), kind, detail);
  }

  private static String since(long started) {
    return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
  }
}
