package dev.prost.catalog;

import static dev.prost.catalog.ReservationFixture.confirmed;
import static dev.prost.catalog.ReservationFixture.failed;
import static dev.prost.catalog.ReservationFixture.line;
import static dev.prost.catalog.ReservationFixture.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReservationFailed;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Stock reservation under concurrent orders (two catalog instances)")
class ReservationConcurrencyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private ReservationFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private void start(Vertx vertx) {
    fixture = new ReservationFixture(vertx, db, TestNamespace.config(Map.of("PROST_CONSUMER_CONCURRENCY", "8")),
        ReservationConfig.defaults());
    fixture.startCatalog();
    fixture.startCatalog();
  }

  @Test
  @DisplayName("200 concurrent orders of 1 unit for 50 on hand: exactly 50 reserved, 150 refused, never over-reserved")
  void noOversell(Vertx vertx) {
    start(vertx);
    UUID product = fixture.product(50);
    List<EventEnvelope> orders = IntStream.range(0, 200)
        .mapToObj(i -> placed(UUID.randomUUID(), line(product, 1))).toList();
    fixture.publish(orders);

    await().atMost(PATIENCE).until(() -> fixture.answers().size() == 200);
    assertThat(fixture.answers(StockReserved.class)).hasSize(50);
    assertThat(fixture.answers(StockReservationFailed.class)).hasSize(150)
        .allSatisfy(f -> assertThat(f.shortLines()).containsExactly(new ShortLine(product, 1, 0)));
    assertThat(fixture.reserved(product)).isEqualTo(50);
    assertThat(fixture.onHand(product)).isEqualTo(50);
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations WHERE status = 'RESERVED'")).isEqualTo(50);
    assertThat(fixture.deadLettered()).isZero();
    // each answer continues its order's flow: same correlation id, caused by the OrderPlaced
    Map<UUID, UUID> causeByOrder = orders.stream()
        .collect(Collectors.toMap(e -> e.metadata().correlationId(), e -> e.metadata().eventId()));
    assertThat(fixture.answers()).allSatisfy(answer ->
        assertThat(answer.metadata().causationId()).isEqualTo(causeByOrder.get(answer.metadata().correlationId())));
  }

  @Test
  @DisplayName("100 orders whose OrderPlaced and OrderFailed arrive together: in whichever order they apply, nothing"
      + " stays held")
  void placedAndFailedTogether(Vertx vertx) {
    start(vertx);
    UUID product = fixture.product(1000);
    List<EventEnvelope> events = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID())
        .flatMap(order -> Stream.of(placed(order, line(product, 1)), failed(order))).toList();
    fixture.publish(events);

    await().atMost(PATIENCE).until(() -> fixture.scalar("SELECT count(*) FROM processed_events") == 200);
    assertThat(fixture.reserved(product)).isZero();
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations WHERE status <> 'RELEASED'")).isZero();
    assertThat(fixture.answers(StockReleased.class)).hasSize(100);
    assertThat(fixture.deadLettered()).isZero();
  }

  @Test
  @DisplayName("100 concurrent orders naming two products in opposite line orders: none deadlocks, all answered, stock consistent")
  void oppositeLineOrders(Vertx vertx) {
    start(vertx);
    UUID a = fixture.product(60);
    UUID b = fixture.product(60);
    List<EventEnvelope> orders = IntStream.range(0, 100)
        .mapToObj(i -> i % 2 == 0
            ? placed(UUID.randomUUID(), line(a, 1), line(b, 1))
            : placed(UUID.randomUUID(), line(b, 1), line(a, 1)))
        .toList();
    fixture.publish(orders);

    await().atMost(PATIENCE).until(() -> fixture.answers().size() == 100);
    List<StockReserved> reserved = fixture.answers(StockReserved.class);
    assertThat(reserved).hasSize(60);
    assertThat(fixture.answers(StockReservationFailed.class)).hasSize(40);
    Set<UUID> answered = fixture.answers().stream().map(e -> e.metadata().correlationId()).collect(Collectors.toSet());
    assertThat(answered).hasSize(100);
    assertThat(fixture.reserved(a)).isEqualTo(60);
    assertThat(fixture.reserved(b)).isEqualTo(60);
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations")).isEqualTo(120);
    // no deadlock happened at all: nothing retried, nothing dead-lettered
    assertThat(fixture.counter("prost.events.retried")).isZero();
    assertThat(fixture.deadLettered()).isZero();
  }

  @Test
  @DisplayName("commit groups of OrderPlaced, OrderConfirmed and OrderFailed over shared products, lines in any order:"
      + " no deadlock, stock consistent")
  void groupsOverSharedProductsNeverDeadlock(Vertx vertx) {
    start(vertx);
    List<UUID> products = IntStream.range(0, 6).mapToObj(i -> fixture.product(1000)).toList();
    java.util.Random random = new java.util.Random(11);
    List<UUID> orders = IntStream.range(0, 150).mapToObj(i -> UUID.randomUUID()).toList();
    Map<UUID, List<UUID>> linesOf = new java.util.HashMap<>();
    for (UUID order : orders) {
      List<UUID> shuffled = new java.util.ArrayList<>(products);
      java.util.Collections.shuffle(shuffled, random);
      linesOf.put(order, shuffled.subList(0, 2 + random.nextInt(3)));
    }
    // the first half placed, then their outcomes interleaved with the second half's OrderPlaced
    fixture.publish(orders.subList(0, 75).stream()
        .map(order -> placed(order, linesOf.get(order).stream().map(p -> line(p, 1)).toArray(PricedLine[]::new)))
        .toList());
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReserved.class).size() == 75);
    List<EventEnvelope> mixed = new java.util.ArrayList<>();
    for (int i = 0; i < 75; i++) {
      UUID done = orders.get(i);
      mixed.add(i % 3 == 0 ? failed(done)
          : confirmed(done, linesOf.get(done).stream().map(p -> new StockLine(p, 1)).toArray(StockLine[]::new)));
      UUID next = orders.get(75 + i);
      mixed.add(placed(next, linesOf.get(next).stream().map(p -> line(p, 1)).toArray(PricedLine[]::new)));
    }
    fixture.publish(mixed);

    await().atMost(PATIENCE).until(() -> fixture.scalar("SELECT count(*) FROM processed_events") == 225);
    long sold = IntStream.range(0, 75).filter(i -> i % 3 != 0).mapToLong(i -> linesOf.get(orders.get(i)).size()).sum();
    long held = orders.subList(75, 150).stream().mapToLong(order -> linesOf.get(order).size()).sum();
    assertThat(products.stream().mapToLong(p -> 1000 - fixture.onHand(p)).sum()).isEqualTo(sold);
    assertThat(products.stream().mapToLong(fixture::reserved).sum()).isEqualTo(held);
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations WHERE status = 'RESERVED'")).isEqualTo(held);
    assertThat(fixture.counter("prost.events.retried")).isZero();
    assertThat(fixture.deadLettered()).isZero();
    // a deadlock would have rolled a group back silently (then applied one by one): PostgreSQL
    // counts it, and reports the count within a second of the failed transaction
    await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> db.adminScalar(
        "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()") == 0);
  }
}
