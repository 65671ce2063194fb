package dev.prost.catalog;

import static dev.prost.catalog.ReservationFixture.confirmed;
import static dev.prost.catalog.ReservationFixture.failed;
import static dev.prost.catalog.ReservationFixture.line;
import static dev.prost.catalog.ReservationFixture.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.catalog.events.ReservationSweeper;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Reservation sweeper: overdue reservations are given back, once")
class ReservationSweeperTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private ReservationFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @DisplayName("a deployed sweeper expires an overdue reservation; later confirm, release and sweeps change nothing")
  void expires(Vertx vertx) {
    ReservationConfig quick = new ReservationConfig(Duration.ofMillis(300), Duration.ofMillis(200), 100, Duration.ofDays(7));
    fixture = new ReservationFixture(vertx, db, TestNamespace.config(), quick);
    fixture.startCatalog();
    UUID product = fixture.product(10);
    UUID order = UUID.randomUUID();
    fixture.publish(placed(order, line(product, 4)));
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReserved.class).size() == 1);
    ReservationSweeper sweeper = new ReservationSweeper(fixture.pool, quick, fixture.outbox);
    Await.result(vertx.deployVerticle(sweeper));

    await().atMost(PATIENCE).until(() -> fixture.answers(StockReleased.class).size() == 1);
    StockReleased released = fixture.answers(StockReleased.class).get(0);
    assertThat(released.orderId()).isEqualTo(order);
    assertThat(released.items()).containsExactly(new StockLine(product, 4));
    assertThat(fixture.status(order, product)).isEqualTo("EXPIRED");
    assertThat(fixture.reserved(product)).isZero();

    // the saga's late moves find nothing to move; OrderFailed is still answered, empty
    fixture.publish(confirmed(order, new StockLine(product, 4)), failed(order));
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReleased.class).size() == 2);
    await().atMost(PATIENCE).until(() -> fixture.scalar("SELECT count(*) FROM processed_events") == 3);
    assertThat(fixture.answers(StockReleased.class).get(1).items()).isEmpty();
    assertThat(Await.result(sweeper.sweep())).isZero();
    assertThat(fixture.status(order, product)).isEqualTo("EXPIRED");
    assertThat(fixture.onHand(product)).isEqualTo(10);
    assertThat(fixture.reserved(product)).isZero();
  }

  @Test
  @DisplayName("two sweepers at once expire every overdue row exactly once and announce each row once")
  void twoSweepers(Vertx vertx) {
    // a batch of 7 rows splits two-line orders across batches and sweepers
    ReservationConfig quick = new ReservationConfig(Duration.ofMillis(100), Duration.ofHours(1), 7, Duration.ofDays(7));
    fixture = new ReservationFixture(vertx, db, TestNamespace.config(), quick);
    fixture.startCatalog();
    UUID a = fixture.product(100);
    UUID b = fixture.product(100);
    fixture.publish(IntStream.range(0, 40)
        .mapToObj(i -> placed(UUID.randomUUID(), line(a, 1), line(b, 2))).toList());
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReserved.class).size() == 40);
    await().atMost(PATIENCE).until(() -> fixture.scalar(
        "SELECT count(*) FROM inventory_reservations WHERE expires_at < now()") == 80);

    ReservationSweeper one = new ReservationSweeper(fixture.pool, quick, fixture.outbox);
    ReservationSweeper two = new ReservationSweeper(fixture.pool, quick, fixture.outbox);
    Future<Integer> first = one.sweep();
    Future<Integer> second = two.sweep();
    assertThat(Await.result(first) + Await.result(second)).isEqualTo(80);

    assertThat(fixture.reserved(a)).isZero();
    assertThat(fixture.reserved(b)).isZero();
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations WHERE status = 'EXPIRED'")).isEqualTo(80);
    await().atMost(PATIENCE).until(() -> fixture.scalar("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0);
    await().atMost(PATIENCE).until(() -> released(fixture.answers(StockReleased.class)).size() >= 80);
    List<String> announced = released(fixture.answers(StockReleased.class));
    assertThat(announced).hasSize(80).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("a sweep forgets failed orders recorded longer ago than their retention, and keeps the others")
  void prunesFailedOrders(Vertx vertx) {
    ReservationConfig config = new ReservationConfig(Duration.ofMinutes(10), Duration.ofHours(1), 100, Duration.ofHours(1));
    fixture = new ReservationFixture(vertx, db, TestNamespace.config(), config);
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    Await.result(fixture.pool.query("INSERT INTO failed_orders (order_id, failed_at) VALUES "
        + "('" + old + "', now() - interval '2 hours'), ('" + recent + "', now() - interval '30 minutes')").execute());

    Await.result(new ReservationSweeper(fixture.pool, config, fixture.outbox).sweep());

    assertThat(fixture.scalar("SELECT count(*) FROM failed_orders WHERE order_id = '" + old + "'")).isZero();
    assertThat(fixture.scalar("SELECT count(*) FROM failed_orders WHERE order_id = '" + recent + "'")).isEqualTo(1);
  }

  private static List<String> released(List<StockReleased> events) {
    List<String> rows = new ArrayList<>();
    for (StockReleased event : events) {
      event.items().forEach(item -> rows.add(event.orderId() + "/" + item.productId()));
    }
    return rows;
  }
}
