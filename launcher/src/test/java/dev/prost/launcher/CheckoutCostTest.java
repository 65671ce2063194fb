package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a checkout costs the database under light load, counted as {@code scripts/bench load}
 * counts it: the commits of the run's database ({@code pg_stat_database.xact_commit}, reads
 * included, read from another database) between before and after, divided by the checkouts.
 * Each checkout is what the load simulation does, 1–3 products into the cart and
 * {@code POST /api/cart/checkout}, at a steady {@link #RATE} per second (150 at 10/s unless
 * the system properties below say otherwise), then one status read once it ended. Two things
 * the bench also counts are left out so that runs compare, unless {@code -Dprost.cost.hold=N}
 * asks for them: the status requests held while a saga runs (no read if the same cart process
 * accepted the checkout and applied its outcome; one each 3 s for an outcome applied by another,
 * and one when held for a checkout another accepted), and the services'
 * idle commits (relay polls, lag probes, sweeps), measured over {@link #IDLE} first and
 * subtracted (the figure with them is
 * printed too). How many events share a group depends on timing, so the figure itself is only
 * printed; what is asserted is its ceiling, which no slowness can raise: a checkout with
 * nothing grouped is {@link #WRITE_TRANSACTIONS} write transactions (docs/performance.md)
 * plus the test's own 1–3 cart adds and one status read, and every checkout ends as it should.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Commits per checkout under light load: measured, and never above the ungrouped count")
class CheckoutCostTest {

  private static final int PRODUCTS = 20;
  // -Dprost.cost.checkouts=… -Dprost.cost.rate=… on the mvn command line to measure another load
  private static final int CHECKOUTS = Integer.getInteger("prost.cost.checkouts", 150);
  private static final int RATE = Integer.getInteger("prost.cost.rate", 10);
  // -Dprost.cost.hold=8: each checkout is followed by a held status request (?wait=8), as the bench does
  private static final int HOLD = Integer.getInteger("prost.cost.hold", 0);
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final Duration IDLE = Duration.ofSeconds(5);
  /** A confirmed checkout's write transactions when no consumer or relay groups any. */
  private static final int WRITE_TRANSACTIONS = 15;
  /**
   * What the test adds per checkout: at most three cart adds and one status read, and with a
   * hold the held request's reads (its first, one each 3 s, one at the hold's end).
   */
  private static final int MOST_REQUESTS = 3 + 1 + (HOLD > 0 ? 2 + HOLD / 3 : 0);
  private static volatile long probes;

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static InProcessProst prost;
  private static WebClient catalog;
  private static WebClient cart;

  @BeforeAll
  static void start(Vertx vertx) {
    // admission control off: a refusal costs no commit, and a shared test machine is slow
    prost = new InProcessProst(vertx, db, Map.of("PROST_PAYMENT_LATENCY", "5ms", "PROST_ADMISSION", "false"));
    prost.start("orders", "catalog", "cart");
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(64);
    catalog = prost.client("catalog", pool);
    cart = prost.client("cart", pool);
  }

  @AfterAll
  static void stop() {
    prost.stop();
  }

  @Test
  @DisplayName("checkouts at a light steady pace each end as their card says, at no more than 15 + 4 commits each")
  void commitsPerCheckout(Vertx vertx) throws SQLException {
    List<UUID> products = CheckoutSteps.createProducts(prost, catalog, PRODUCTS, 1_000_000);
    await().atMost(PATIENCE).until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == PRODUCTS);

    try (Connection probe = DriverManager.getConnection(db.config().adminJdbcUrl(db.name()), db.config().adminUser(),
        db.config().adminPassword())) {
      // what the services commit when idle (relay polls, lag probes, sweeps), per second: the
      // system must stay idle for the whole window
      long idleFrom = commits();
      long idleStart = System.nanoTime();
      await().during(IDLE).atMost(IDLE.multipliedBy(3)).pollInterval(Duration.ofSeconds(1))
          .until(() -> busy(probe) == 0);
      double idlePerSecond = (commits() - idleFrom - probes) / seconds(idleStart);

      long before = commits();
      long probesBefore = probes;
      long scansBefore = sagaScans(probe);
      long start = System.nanoTime();
      Random random = new Random(7);
      List<Future<String>> orderIds = new ArrayList<>();
      Promise<Void> arrived = Promise.promise();
      vertx.setPeriodic(1000 / RATE, timer -> {
        int i = orderIds.size();
        String payment = i % 50 == 49 ? "tok_decline" : "tok_visa";
        orderIds.add(checkout(token(UUID.randomUUID()), CheckoutSteps.pick(random, products, 2), payment));
        if (orderIds.size() == CHECKOUTS) {
          vertx.cancelTimer(timer);
          arrived.complete();
        }
      });
      Await.result(arrived.future());
      Await.result(Future.all(orderIds));
      // every saga ended on both sides and every outbox row published; then one status read
      // per checkout, as a client that asked once would; pg_stat counters are flushed by each
      // backend within a second of its last transaction
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> busy(probe) == 0);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < CHECKOUTS; i++) {
        outcomes.add(status(orderIds.get(i).result()));
      }
      Await.result(Future.all(outcomes));
      // settled: a second adds no more than the idle background does
      long[] last = {commits()};
      await().atMost(PATIENCE).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        long now = commits();
        boolean settled = now - last[0] <= Math.ceil(idlePerSecond) + 2;
        last[0] = now;
        return settled;
      });
      long raw = last[0] - before - (probes - probesBefore);
      // each probe scans saga_state once; so does each checkout's outcome (its conditional update).
      // A backend that found the shared counters locked keeps its counts for up to 10 s: read them
      // once they have not moved for longer than that
      long probeScans = probes - probesBefore - 1;
      long[] scans = {sagaScans(probe), System.nanoTime()};
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
        long now = sagaScans(probe);
        if (now != scans[0]) {
          scans[0] = now;
          scans[1] = System.nanoTime();
        }
        return seconds(scans[1]) > 11;
      });
      double statusReads = (scans[0] - scansBefore - probeScans - CHECKOUTS) / (double) CHECKOUTS;
      double background = idlePerSecond * seconds(start);

      double perCheckout = (raw - background) / CHECKOUTS;

      long confirmed = outcomes.stream().filter(o -> o.result().equals("CONFIRMED")).count();
      assertThat(confirmed).as("every checkout but the declined ones confirms").isEqualTo(CHECKOUTS - CHECKOUTS / 50);
      System.out.printf("checkout cost: %d checkouts at %d/s: %.1f commits per checkout (%.1f with the idle"
              + " background of %.1f commits/s; the test's own probes excluded)%n", CHECKOUTS, RATE,
          perCheckout, raw / (double) CHECKOUTS, idlePerSecond);
      System.out.printf("checkout cost: %.2f reads of cart_schema.saga_state per checkout (status reads: the final"
          + " one%s)%n", statusReads, HOLD > 0 ? " and those of a request held with ?wait=" + HOLD : "");
      // grouping only lowers the figure, and a slow machine groups less: the ungrouped count is the ceiling
      assertThat(perCheckout).as("commits per checkout").isLessThanOrEqualTo(WRITE_TRANSACTIONS + MOST_REQUESTS);
    }
  }

  /** Sagas not ended on either side, unpublished outbox rows and held stock, on the one probe connection. */
  private static long busy(Connection probe) throws SQLException {
    probes++;
    try (var st = probe.createStatement(); var rows = st.executeQuery("""
        SELECT (SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN ('CONFIRMED', 'FAILED'))
             + (SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED')
             + (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.inventory_reservations WHERE status = 'RESERVED')""")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Scans of the cart's saga_state so far (its reads and updates each scan it once), on the probe connection. */
  private static long sagaScans(Connection probe) throws SQLException {
    probes++;
    try (var st = probe.createStatement(); var rows = st.executeQuery("""
        SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables
        WHERE schemaname = 'cart_schema' AND relname = 'saga_state'""")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** Fills the cart and checks out; answers the order id. */
  private Future<String> checkout(String token, Map<UUID, Integer> lines, String payment) {
    return CheckoutSteps.fillCart(cart, token, lines)
        .compose(v -> cart.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + token)
            .sendJsonObject(new JsonObject().put("payment_token", payment)))
        .map(response -> token + " " + expect(response, 202).getString("order_id"))
        .compose(tokenAndOrder -> HOLD == 0 ? Future.succeededFuture(tokenAndOrder)
            : cart.get("/api/cart/checkouts/" + tokenAndOrder.split(" ")[1] + "?wait=" + HOLD)
                .putHeader("Authorization", "Bearer " + token).send()
                .map(response -> expect(response, 200)).map(tokenAndOrder));
  }

  /** One status read of an ended checkout ({@code "<token> <order id>"}); answers CONFIRMED or FAILED. */
  private Future<String> status(String tokenAndOrder) {
    String[] parts = tokenAndOrder.split(" ");
    return cart.get("/api/cart/checkouts/" + parts[1]).putHeader("Authorization", "Bearer " + parts[0]).send()
        .map(response -> expect(response, 200).getString("status"));
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** Commits of the test's database so far, read from another database so the reading is not one of them. */
  private static long commits() {
    DatabaseConfig config = db.config();
    try (var conn = DriverManager.getConnection(config.adminJdbcUrl("postgres"), config.adminUser(),
            config.adminPassword());
         var st = conn.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
      st.setString(1, db.name());
      try (var rows = st.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(UUID customer) {
    return prost.token(customer, Set.of("customer"));
  }
}
