package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogTopology;
import dev.prost.launcher.LifecycleSteps.Order;
import dev.prost.orders.OrdersTopology;
import dev.prost.orders.testing.SagaInvariants;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catalog, cart and orders together, driven through their HTTP APIs: checkouts, then the
 * order's life after them with every path and the races the issue names, racing for real
 * (many requests in flight at once, the sagas' events in flight beside them). Every invariant
 * of DESIGN.md §6 must hold once the sagas rest, stock on hand = seeded − sold + returned.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("End to end: cancellations, shipments, deliveries and refunds beside checkouts")
class OrderLifecycleEndToEndTest {

  private static final int PRODUCTS = 3;
  private static final int STOCK = 200;
  private static final int SAME_CANCELS = 20;
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String AT_REST = "('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED')";

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static Vertx vertx;
  private static InProcessProst prost;
  private static WebClient catalog;
  private static LifecycleSteps steps;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    prost = new InProcessProst(vertx, db, Map.of(
        "PROST_RETRY_BASE_DELAY", "50ms",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        "PROST_PAYMENT_REFUND_INTERVAL", "200ms",
        "PROST_SAGA_SWEEP_INTERVAL", "200ms",
        // published rows kept: the refund is counted in events, and SagaInvariants matches them
        // against every consumer's inbox
        "PROST_OUTBOX_RETENTION", "1h",
        "PROST_PAYMENT_LATENCY", "5ms"));
    prost.start("orders", "catalog", "cart");
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(32);
    catalog = prost.client("catalog", pool);
    steps = new LifecycleSteps(prost, prost.client("cart", pool), prost.client("orders", pool));
  }

  @AfterAll
  static void stop() {
    prost.stop();
  }

  @Test
  @DisplayName("cancels racing checkouts, 20 cancels of one order (one refund), cancels racing ships (one kind"
      + " wins), deliveries and refunds: every order ends as its requests say and every invariant holds")
  void everyPathAndEveryRaceEndsConsistently() {
    List<UUID> products = CheckoutSteps.createProducts(prost, catalog, PRODUCTS, STOCK);
    await().atMost(PATIENCE).until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == PRODUCTS);

    // 10 checkouts cancelled the moment their checkout is accepted: cancel racing reservation,
    // payment and confirmation; either CANCELLED without a charge kept, or cancelled after confirmation
    List<Order> racedAtCheckout = steps.checkouts(products, 10, "tok_visa");
    Await.result(Future.join(racedAtCheckout.stream().map(steps::cancel).toList()));

    // 30 more that are left to confirm
    List<Order> placed = steps.checkouts(products, 30, "tok_visa");
    await().atMost(PATIENCE).until(() -> placed.stream().allMatch(o -> "CONFIRMED".equals(steps.status(o.id()))));

    // one order cancelled 20 times at once, each cancel on a connection of its own
    AtomicInteger connections = new AtomicInteger();
    WebClient many = manyConnections(connections);
    List<Future<HttpResponse<Buffer>>> sameOrder = new ArrayList<>();
    for (int i = 0; i < SAME_CANCELS; i++) {
      sameOrder.add(LifecycleSteps.cancel(many, placed.get(0)));
    }
    // 4 more cancelled after confirmation
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (Order o : placed.subList(1, 5)) {
      requests.add(steps.cancel(o));
    }
    // 5 raced: 5 cancels and 5 ships of each at once
    List<Race> races = new ArrayList<>();
    for (Order o : placed.subList(5, 10)) {
      Race race = new Race(o, new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < 5; i++) {
        race.cancels().add(steps.cancel(o));
        race.ships().add(steps.ship(o));
      }
      races.add(race);
      requests.addAll(race.cancels());
      requests.addAll(race.ships());
    }
    // 10 shipped and delivered; of those, 3 refunded without restock and 3 with
    for (Order o : placed.subList(10, 20)) {
      requests.add(steps.ship(o).compose(r -> steps.deliver(o)));
    }
    Await.result(Future.join(sameOrder));
    Await.result(Future.join(requests));
    many.close();
    assertThat(sameOrder).allSatisfy(r -> assertThat(r.result().statusCode()).isEqualTo(202));
    assertThat(connections.get()).as("connections the 20 cancels were sent on").isEqualTo(SAME_CANCELS);
    assertThat(requests).allSatisfy(r -> assertThat(r.result().statusCode()).isIn(200, 202, 409));
    List<Future<HttpResponse<Buffer>>> refunds = new ArrayList<>();
    for (int i = 10; i < 16; i++) {
      for (int n = 0; n < 3; n++) {
        refunds.add(steps.refund(placed.get(i), i % 2 == 0));
      }
    }
    Await.result(Future.join(refunds));
    assertThat(refunds).allSatisfy(r -> assertThat(r.result().statusCode()).isEqualTo(202));

    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN " + AT_REST) == 0);
    await().atMost(PATIENCE).until(() -> db.adminScalar("""
        SELECT (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM orders_schema.payments WHERE status IN ('REFUND_REQUIRED', 'REFUNDING'))""")
        == 0);

    assertThat(racedAtCheckout).allSatisfy(o -> assertThat(steps.status(o.id())).isEqualTo("CANCELLED"));
    assertThat(placed.subList(0, 5)).allSatisfy(o -> assertThat(steps.status(o.id())).isEqualTo("CANCELLED"));
    races.forEach(OrderLifecycleEndToEndTest::assertOneKindWon);
    assertThat(placed.subList(10, 16)).allSatisfy(o -> assertThat(steps.status(o.id())).isEqualTo("REFUNDED"));
    assertThat(placed.subList(16, 20)).allSatisfy(o -> assertThat(steps.status(o.id())).isEqualTo("DELIVERED"));
    assertThat(placed.subList(20, 30)).allSatisfy(o -> assertThat(steps.status(o.id())).isEqualTo("CONFIRMED"));
    assertRefundedOnce(placed.get(0).id());

    SagaInvariants.of(db::adminScalar)
        .withInitialStock(products.stream().collect(Collectors.toMap(id -> id, id -> STOCK)))
        .withTopologies(List.of(OrdersTopology.TOPOLOGY, CatalogTopology.TOPOLOGY, CartTopology.TOPOLOGY))
        .assertHold();
    assertThat(prost.deadLettered()).isZero();
  }

  /** One order's cancels and ships, all sent at once. */
  private record Race(Order order, List<Future<HttpResponse<Buffer>>> cancels,
      List<Future<HttpResponse<Buffer>>> ships) {}

  // the first request the saga row's lock let through decided: every cancel then answers as a
  // cancel does in a cancelled order (202), every ship as in a shipped one (200), the other kind 409
  private static void assertOneKindWon(Race race) {
    List<Integer> cancels = race.cancels().stream().map(r -> r.result().statusCode()).toList();
    List<Integer> ships = race.ships().stream().map(r -> r.result().statusCode()).toList();
    String what = race.order().id() + ": cancels " + cancels + ", ships " + ships;
    boolean cancelWon = cancels.stream().allMatch(s -> s == 202) && ships.stream().allMatch(s -> s == 409);
    boolean shipWon = ships.stream().allMatch(s -> s == 200) && cancels.stream().allMatch(s -> s == 409);
    assertThat(cancelWon || shipWon).as(what).isTrue();
    assertThat(steps.status(race.order().id())).as(what).isEqualTo(cancelWon ? "CANCELLED" : "SHIPPED");
    if (shipWon) {
      race.cancels().forEach(r -> steps.assertConflict(r.result(), race.order(), "SHIPPED"));
    }
  }

  // rows, not sums: a refund asked or answered twice would be a second event of its kind, and
  // a cancel taken twice a second applied input (the refunded amount is set, never added)
  private static void assertRefundedOnce(UUID orderId) {
    String order = "'" + orderId + "'";
    assertThat(db.adminScalar("SELECT count(*) FROM orders_schema.saga_events WHERE order_id = " + order
        + " AND input = 'CANCEL_REQUESTED' AND outcome = 'applied'")).as("cancels applied").isEqualTo(1);
    for (String type : List.of("PaymentRefundRequested", "PaymentRefunded", "StockReturnRequested")) {
      assertThat(db.adminScalar("SELECT count(DISTINCT event_id) FROM orders_schema.outbox WHERE correlation_id = "
          + order + " AND event_type = '" + type + "'")).as(type + " events").isEqualTo(1);
    }
    assertThat(db.adminScalar("SELECT count(DISTINCT event_id) FROM catalog_schema.outbox WHERE correlation_id = "
        + order + " AND event_type = 'StockReturned'")).as("StockReturned events").isEqualTo(1);
    assertThat(db.adminScalar("SELECT count(*) FROM orders_schema.payments WHERE order_id = " + order
        + " AND status = 'REFUNDED' AND amount_cents > 0 AND refunded_cents = amount_cents"))
        .as("payment refunded in full").isEqualTo(1);
  }

  /** A client of orders whose pool opens as many connections as the cancels, counted as they open. */
  private static WebClient manyConnections(AtomicInteger opened) {
    HttpClientAgent http = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(prost.port("orders")))
        .with(new PoolOptions().setHttp1MaxSize(SAME_CANCELS))
        .withConnectHandler(connection -> opened.incrementAndGet())
        .build();
    return WebClient.wrap(http);
  }
}
