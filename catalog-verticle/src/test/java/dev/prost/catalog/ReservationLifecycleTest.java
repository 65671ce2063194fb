package dev.prost.catalog;

import static dev.prost.catalog.ReservationFixture.PATIENCE;
import static dev.prost.catalog.ReservationFixture.confirmed;
import static dev.prost.catalog.ReservationFixture.failed;
import static dev.prost.catalog.ReservationFixture.line;
import static dev.prost.catalog.ReservationFixture.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReleased;
import dev.prost.platform.events.StockReservationFailed;
import dev.prost.platform.events.StockReserved;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Reservation lifecycle: reserve, confirm, release, refuse")
class ReservationLifecycleTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private ReservationFixture fixture;

  @BeforeEach
  void start(Vertx vertx) {
    fixture = ReservationFixture.started(vertx, db);
  }

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  private UUID reserve(UUID product, int quantity) {
    UUID order = UUID.randomUUID();
    fixture.deliver(placed(order, line(product, quantity)));
    assertThat(fixture.status(order, product)).isEqualTo("RESERVED");
    return order;
  }

  @Test
  @DisplayName("an order is reserved with StockReserved carrying merged lines and a deadline about the TTL ahead")
  void reserves() {
    UUID product = fixture.product(10);
    UUID order = UUID.randomUUID();
    fixture.deliver(placed(order, line(product, 2), line(product, 1)));

    await().atMost(PATIENCE).until(() -> fixture.answers().size() == 1);
    StockReserved answer = fixture.answers(StockReserved.class).get(0);
    assertThat(answer.orderId()).isEqualTo(order);
    assertThat(answer.items()).containsExactly(new StockLine(product, 3));
    assertThat(answer.expiresAt()).isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(660));
    assertThat(fixture.reserved(product)).isEqualTo(3);
  }

  @Test
  @DisplayName("confirming sells the held units once: a redelivery and a second OrderConfirmed change nothing")
  void confirmOnce() {
    UUID product = fixture.product(10);
    UUID order = reserve(product, 3);
    EventEnvelope confirm = confirmed(order, new StockLine(product, 3));
    fixture.deliver(confirm);
    fixture.deliver(confirm, confirmed(order, new StockLine(product, 3)));

    assertThat(fixture.counter("prost.events.duplicates")).isEqualTo(1);
    assertThat(fixture.status(order, product)).isEqualTo("COMMITTED");
    assertThat(fixture.onHand(product)).isEqualTo(7);
    assertThat(fixture.reserved(product)).isZero();
    // a late OrderFailed cannot un-sell: it is answered, with nothing released
    fixture.deliver(failed(order));
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReleased.class).size() == 1);
    assertThat(fixture.answers(StockReleased.class).get(0).items()).isEmpty();
    assertThat(fixture.onHand(product)).isEqualTo(7);
    assertThat(fixture.status(order, product)).isEqualTo("COMMITTED");
  }

  @Test
  @DisplayName("a failed order releases its units once; every distinct OrderFailed is answered, later ones with no items")
  void releaseOnce() {
    UUID product = fixture.product(10);
    UUID order = reserve(product, 4);
    EventEnvelope fail = failed(order);
    fixture.deliver(fail);
    fixture.deliver(fail, failed(order), confirmed(order, new StockLine(product, 4)));

    await().atMost(PATIENCE).until(() -> fixture.answers(StockReleased.class).size() == 2);
    List<StockReleased> released = fixture.answers(StockReleased.class);
    assertThat(released.get(0).items()).containsExactly(new StockLine(product, 4));
    assertThat(released.get(1).items()).isEmpty();
    assertThat(fixture.counter("prost.events.duplicates")).isEqualTo(1);
    assertThat(fixture.status(order, product)).isEqualTo("RELEASED");
    assertThat(fixture.reserved(product)).isZero();
    assertThat(fixture.onHand(product)).isEqualTo(10);
  }

  @Test
  @DisplayName("an OrderFailed for an order that never held stock is answered with an empty StockReleased")
  void releaseNothing() {
    UUID order = UUID.randomUUID();
    fixture.deliver(failed(order));
    await().atMost(PATIENCE).until(() -> fixture.answers().size() == 1);
    StockReleased answer = fixture.answers(StockReleased.class).get(0);
    assertThat(answer.orderId()).isEqualTo(order);
    assertThat(answer.items()).isEmpty();
  }

  @Test
  @DisplayName("an OrderPlaced arriving after its order's OrderFailed (retried, or late) reserves nothing")
  void placedAfterFailed() {
    UUID product = fixture.product(10);
    UUID order = UUID.randomUUID();
    fixture.deliver(failed(order));
    fixture.deliver(placed(order, line(product, 2)));

    assertThat(fixture.reserved(product)).isZero();
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations")).isZero();
    // the saga ended with the empty StockReleased; an answer to the late OrderPlaced would be ignored
    assertThat(fixture.answers()).extracting(answer -> answer.metadata().eventType()).containsExactly("StockReleased");
    assertThat(fixture.deadLettered()).isZero();
  }

  @Test
  @DisplayName("unknown and inactive products are refused by name, and the order's good line is not reserved")
  void unknownAndInactive() {
    UUID good = fixture.product(10);
    UUID inactive = fixture.product(10, false);
    UUID unknown = UUID.randomUUID();
    UUID order = UUID.randomUUID();
    fixture.deliver(placed(order, line(good, 1), line(inactive, 2), line(unknown, 3)));

    await().atMost(PATIENCE).until(() -> fixture.answers().size() == 1);
    StockReservationFailed answer = fixture.answers(StockReservationFailed.class).get(0);
    assertThat(answer.shortLines())
        .containsExactly(new ShortLine(inactive, 2, 0), new ShortLine(unknown, 3, 0));
    assertThat(answer.reason()).contains("unknown product " + unknown).contains(inactive + " is not for sale");
    assertThat(fixture.reserved(good)).isZero();
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations")).isZero();
    assertThat(fixture.deadLettered()).isZero();
  }

  @Test
  @DisplayName("one short line in a multi-line order reserves nothing, counting duplicate lines together")
  void allOrNothing() {
    UUID plenty = fixture.product(10);
    UUID scarce = fixture.product(3);
    UUID order = UUID.randomUUID();
    fixture.deliver(placed(order, line(plenty, 5), line(scarce, 2), line(scarce, 2)));

    await().atMost(PATIENCE).until(() -> fixture.answers().size() == 1);
    StockReservationFailed answer = fixture.answers(StockReservationFailed.class).get(0);
    assertThat(answer.shortLines()).containsExactly(new ShortLine(scarce, 4, 3));
    assertThat(answer.reason()).contains("insufficient stock");
    assertThat(fixture.reserved(plenty)).isZero();
    assertThat(fixture.reserved(scarce)).isZero();
    assertThat(fixture.scalar("SELECT count(*) FROM inventory_reservations")).isZero();
  }

  @Test
  @DisplayName("a second OrderPlaced for an already reserved order reserves nothing more")
  void placedTwice() {
    UUID product = fixture.product(10);
    UUID order = reserve(product, 2);
    fixture.deliver(placed(order, line(product, 2)));
    assertThat(fixture.reserved(product)).isEqualTo(2);
    // the outbox row commits with the inbox row, so this count is final once delivered
    assertThat(fixture.scalar("SELECT count(*) FROM outbox WHERE event_type = 'StockReserved'")).isEqualTo(1);
  }
}
