package dev.prost.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import dev.prost.launcher.ProstProcess;
import dev.prost.orders.testing.SagaInvariants;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of the fault suite: a deployment, its shop, the checkout load, and the faults of the
 * schedule injected one after another while the load runs — after each, checkouts must end
 * again before the next comes. When the faults are over and enough checkouts started, the load
 * stops, the system drains, and everything is checked: the invariants of DESIGN.md §6, the
 * poison in the dead-letter queues, the queues empty and consumed. The report is printed and
 * written under {@code target/faults/}.
 */
final class FaultScenario {

  /** A fault of the schedule. */
  @FunctionalInterface
  interface Fault {
    void inject(FaultInjector faults) throws Exception;
  }

  private static final Duration RECOVERY = Duration.ofMinutes(3);
  private static final Duration DRAIN = Duration.ofMinutes(3);
  private static final String QUIET = """
      SELECT (SELECT count(*) FROM orders_schema.saga_state
              WHERE state NOT IN ('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED'))
           + (SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED')
           + (SELECT count(*) FROM catalog_schema.inventory_reservations WHERE status = 'RESERVED')
           + (SELECT count(*) FROM orders_schema.payments WHERE status IN ('PENDING', 'REFUND_REQUIRED', 'REFUNDING'))
           + (SELECT count(*) FROM users_schema.outbox WHERE published_at IS NULL)
           + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
           + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)
           + (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)""";

  // checkouts that did not end, ended differently on both sides, or left stock held or unsold
  // orders that ended badly, and checkouts cart committed that orders never saw (lost)
  private static final String SUSPECTS = """
      SELECT id FROM (
        SELECT o.id FROM orders_schema.orders o
        LEFT JOIN cart_schema.saga_state c ON c.order_id = o.id
        LEFT JOIN catalog_schema.inventory_reservations r ON r.order_id = o.id
        WHERE o.status NOT IN ('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED')
           OR c.status IS DISTINCT FROM CASE WHEN o.status IN ('CONFIRMED', 'FAILED') THEN o.status ELSE c.status END
           OR (o.status = 'FAILED' AND r.status <> 'RELEASED')
           OR (o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND r.status <> 'COMMITTED')
        UNION
        SELECT c.order_id FROM cart_schema.saga_state c
        WHERE NOT EXISTS (SELECT 1 FROM orders_schema.orders o WHERE o.id = c.order_id)
      ) suspects LIMIT 3""";

  private FaultScenario() {}

  static FaultReport run(String scenario, String title, int copies, FaultPlan plan, List<Fault> schedule)
      throws Exception {
    return run(scenario, title, Deployment.Shape.of(copies), plan, schedule);
  }

  /** As the other, with a deployment of the given shape (a broker cluster, HAProxy in front). */
  static FaultReport run(String scenario, String title, Deployment.Shape shape, FaultPlan plan,
      List<Fault> schedule) throws Exception {
    long begun = System.nanoTime();
    try (Deployment deployment = Deployment.start(shape)) {
      System.out.printf("%s: deployment ready after %.0f s%n", scenario, (System.nanoTime() - begun) / 1e9);
      Api api = new Api(deployment.publicUrl());
      Shop shop = Shop.open(api, deployment.db, plan.customers());
      FaultInjector faults = new FaultInjector(deployment, api, shop, plan);
      List<String> problems = new ArrayList<>();
      CheckoutLoad load = CheckoutLoad.start(api, shop, plan.perSecond());
      try {
        inject(schedule, faults, load, plan);
      } catch (ConditionTimeoutException stuck) {
        // still drain and check: the report says what did not recover
        problems.add(stuck.getMessage());
      } finally {
        load.stop();
        load.close();
      }
      System.out.printf("%s: load stopped after %.0f s, %d checkouts started%n", scenario,
          (System.nanoTime() - begun) / 1e9, load.started());
      problems.addAll(faults.problems());
      problems.addAll(load.disagreements());
      if (load.unresolved() > 0) {
        problems.add(load.unresolved() + " checkouts a customer saw no end of within 4 minutes");
      }
      problems.addAll(lifecycleUntested(load.life()));
      List<String> figures = failoverTimes(faults, load);
      AmqpConnection connection = Await.result(AmqpConnection.open(deployment.vertx, deployment.messaging(),
          "prost-fault-suite-checks"));
      try {
        if (!drained(deployment, connection)) {
          problems.add("not drained within " + DRAIN.toMinutes() + " minutes");
        }
        FaultReport report = check(scenario, title, plan, deployment, connection, shop, faults, load, problems,
            figures, Duration.ofNanos(System.nanoTime() - begun));
        System.out.println(report.text());
        report.write(Path.of("target", "faults"));
        return report;
      } finally {
        connection.close();
      }
    }
  }

  /** Each fault in turn, each followed by checkouts ending again; then the load runs on to its size. */
  private static void inject(List<Fault> schedule, FaultInjector faults, CheckoutLoad load, FaultPlan plan)
      throws Exception {
    awaitEnded(load, 3, "the first checkouts");
    for (Fault fault : schedule) {
      int before = load.ended();
      fault.inject(faults);
      awaitEnded(load, before + plan.endedBetweenFaults(), "checkouts ending after fault " + faults.log().size());
    }
    await().alias("the load starting " + plan.sagas() + " checkouts").atMost(Duration.ofMinutes(10))
        .until(() -> load.started() >= plan.sagas());
  }

  /** Every path of the order's life the load takes, at least once: else a problem saying which was not. */
  private static List<String> lifecycleUntested(OrderLife life) {
    String done = life.cancelledAtOnce() + " cancelled as their checkout was accepted; after confirmation "
        + life.cancelled() + " cancelled, " + life.shipped() + " shipped, " + life.delivered() + " delivered, "
        + life.refunded() + " refunded";
    System.out.println("orders: " + done);
    boolean untested = life.cancelledAtOnce() == 0 || life.cancelled() == 0 || life.shipped() == 0
        || life.delivered() == 0 || life.refunded() == 0;
    return untested ? List.of("the load's orders: " + done + ": a path of the lifecycle went untested") : List.of();
  }

  /** The run passed: nothing lost, nothing applied twice, every invariant and every check held. */
  static void assertPassed(FaultReport report) {
    assertThat(report.lost()).as("sagas lost\n" + report.text()).isZero();
    assertThat(report.appliedTwice()).as("effects applied twice\n" + report.text()).isZero();
    SagaInvariants.assertHold(report.checks());
    assertThat(report.poisonWithReason()).as("poison in dead-letter queues with a reason\n" + report.text())
        .isEqualTo(report.poisonSent());
    assertThat(report.otherDeadLetters()).as("real events dead-lettered\n" + report.text()).isZero();
    assertThat(report.problems()).as(report.text()).isEmpty();
    assertThat(report.started()).as("checkouts started").isGreaterThanOrEqualTo(report.plan().sagas());
  }

  private static FaultReport check(String scenario, String title, FaultPlan plan, Deployment deployment,
      AmqpConnection connection, Shop shop, FaultInjector faults, CheckoutLoad load, List<String> problems,
      List<String> figures, Duration elapsed) {
    for (String queue : workQueues(deployment)) {
      AMQP.Queue.DeclareOk work = declared(connection, queue);
      if (work.getConsumerCount() != deployment.copies()) {
        problems.add(queue + " has " + work.getConsumerCount() + " consumers instead of " + deployment.copies());
      }
    }
    PoisonMessages.Findings poison = PoisonMessages.find(connection, faults.poisonSent());
    long poisonWithReason = poison.reasonByPoison().values().stream().filter(r -> !r.isBlank()).count();
    poison.others().forEach(letter -> problems.add("dead-lettered: " + letter.eventType().orElse("?") + " "
        + letter.messageId().orElse("?") + ", " + letter.reason().orElse("no reason")));

    TestDatabase db = deployment.db;
    Duplicates.InboxRows duplicates = Duplicates.inboxRows(db, faults.copiesSent(), Deployment.TOPOLOGIES);
    if (duplicates.found() != duplicates.expected()) {
      problems.add("copied events applied " + duplicates.found() + " times by their consumers instead of "
          + duplicates.expected() + " (once each)");
    }
    List<SagaInvariants.Check> checks = SagaInvariants.of(db::adminScalar)
        .withInitialStock(shop.initialStock)
        .withTopologies(Deployment.TOPOLOGIES)
        .checks();
    List<String> evidence = checks.stream().anyMatch(c -> c.violations() != 0) ? traces(deployment) : List.of();
    String accepted = load.accepted().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    long acceptedUnknown = load.accepted().isEmpty() ? 0 : load.accepted().size() - db.adminScalar(
        "SELECT count(*) FROM cart_schema.saga_state WHERE order_id::text IN (" + accepted + ")");
    return new FaultReport(scenario, title, plan, faults.log(),
        db.adminScalar("SELECT count(*) FROM cart_schema.saga_state"),
        db.adminScalar("SELECT count(*) FROM orders_schema.orders WHERE status = 'CONFIRMED'"),
        db.adminScalar("SELECT count(*) FROM orders_schema.orders WHERE status = 'FAILED'"),
        SagaInvariants.total(checks, SagaInvariants.Kind.LOST) + acceptedUnknown,
        SagaInvariants.total(checks, SagaInvariants.Kind.TWICE),
        failureReasons(db), checks, duplicates, faults.poisonSent().size(), (int) poisonWithReason,
        poison.others().size(), problems, load.refusals(), figures, evidence, elapsed);
  }

  /**
   * For each broker node fault, the checkouts begun while it was on until it was recovered from:
   * how many, their median, p99 and slowest time from submit to outcome.
   */
  private static List<String> failoverTimes(FaultInjector faults, CheckoutLoad load) {
    List<String> figures = new ArrayList<>();
    for (FaultInjector.Window window : faults.windows()) {
      List<Duration> times = load.timesBegunBetween(window.from(), window.to());
      if (times.isEmpty()) {
        figures.add(window.fault() + ": no checkout begun in its window");
        continue;
      }
      figures.add(String.format("%s, %.0f s window: %d checkouts begun, submit to outcome median %.1f s, p99 %.1f s,"
          + " max %.1f s", window.fault(), (window.to() - window.from()) / 1e9, times.size(),
          seconds(times.get(times.size() / 2)), seconds(times.get((int) Math.ceil(times.size() * 0.99) - 1)),
          seconds(times.get(times.size() - 1))));
    }
    return figures;
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** {@code prost trace} of a few checkouts that broke an invariant: every hop, for the report. */
  private static List<String> traces(Deployment deployment) {
    return AdminSql.rows(deployment.db, SUSPECTS).stream()
        .map(row -> ProstProcess.run(deployment.env, "trace", row.get("id")).output())
        .toList();
  }

  /** Failed orders by the start of their reason (as the metrics tag them): "out of stock", "payment failed"… */
  private static Map<String, Long> failureReasons(TestDatabase db) {
    Map<String, Long> reasons = new TreeMap<>();
    for (Map<String, String> row : AdminSql.rows(db, """
        SELECT trim(substring(failure_reason from '^[^:(]*')) AS reason, count(*) AS orders
        FROM orders_schema.orders WHERE status = 'FAILED' GROUP BY 1""")) {
      reasons.put(row.get("reason"), Long.parseLong(row.get("orders")));
    }
    return reasons;
  }

  /** Every saga ended, nothing held or owed, every outbox row published, every work and retry queue empty. */
  private static boolean drained(Deployment deployment, AmqpConnection connection) {
    TopologyNames names = new TopologyNames(deployment.messaging().namespace());
    List<String> queues = Deployment.TOPOLOGIES.stream().flatMap(t -> t.subscriptions().stream())
        .flatMap(sub -> Stream.of(names.workQueue(sub), names.retryQueue(sub))).toList();
    try {
      await().atMost(DRAIN).pollInterval(Duration.ofSeconds(1)).until(() -> deployment.db.adminScalar(QUIET) == 0
          && queues.stream().allMatch(q -> declared(connection, q).getMessageCount() == 0));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private static List<String> workQueues(Deployment deployment) {
    TopologyNames names = new TopologyNames(deployment.messaging().namespace());
    return Deployment.TOPOLOGIES.stream().flatMap(t -> t.subscriptions().stream()).map(names::workQueue).toList();
  }

  private static void awaitEnded(CheckoutLoad load, int count, String what) {
    await().alias(what).atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> load.ended() >= count);
  }

  private static AMQP.Queue.DeclareOk declared(AmqpConnection connection, String queue) {
    // a passive declare of a missing queue closes its channel: one channel per question
    return Await.result(connection.openChannel("fault-suite-check").compose(channel -> channel
        .<AMQP.Queue.DeclareOk>call(raw -> raw.queueDeclarePassive(queue))
        .onComplete(done -> channel.close())));
  }
}
