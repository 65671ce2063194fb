package dev.prost.catalog;

import static dev.prost.catalog.ReservationFixture.PATIENCE;
import static dev.prost.catalog.ReservationFixture.confirmed;
import static dev.prost.catalog.ReservationFixture.line;
import static dev.prost.catalog.ReservationFixture.placed;
import static dev.prost.catalog.ReservationFixture.returnRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReturned;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Stock returns: a cancelled or returned order's sold units go back on hand exactly once")
class StockReturnTest {

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

  @Test
  @DisplayName("sold units return once: a redelivery and 20 distinct requests at once put nothing back twice")
  void returnsOnce() {
    UUID product = fixture.product(10);
    UUID order = UUID.randomUUID();
    fixture.deliver(placed(order, line(product, 3)));
    fixture.deliver(confirmed(order, new StockLine(product, 3)));
    assertThat(fixture.onHand(product)).isEqualTo(7);

    EventEnvelope first = returnRequested(order, new StockLine(product, 3));
    List<EventEnvelope> many = new ArrayList<>(List.of(first, first));
    for (int i = 0; i < 20; i++) {
      many.add(returnRequested(order, new StockLine(product, 3)));
    }
    fixture.publish(many);
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReturned.class).size() == 21);

    List<StockReturned> answers = fixture.answers(StockReturned.class);
    assertThat(answers.stream().filter(a -> !a.items().isEmpty()).toList())
        .singleElement().satisfies(a -> assertThat(a.items()).containsExactly(new StockLine(product, 3)));
    assertThat(fixture.onHand(product)).isEqualTo(10);
    assertThat(fixture.reserved(product)).isZero();
    assertThat(fixture.status(order, product)).isEqualTo("RETURNED");
    assertThat(fixture.scalar("SELECT returned_on_hand FROM inventory_reservations WHERE order_id = '" + order + "'"))
        .isEqualTo(3);
  }

  @Test
  @DisplayName("a return that overtakes its confirmation releases the held units; the confirmation then sells nothing")
  void returnBeforeConfirmation() {
    UUID product = fixture.product(10);
    UUID order = UUID.randomUUID();
    fixture.deliver(placed(order, line(product, 4)));
    fixture.deliver(returnRequested(order, new StockLine(product, 4)));
    fixture.deliver(confirmed(order, new StockLine(product, 4)));

    assertThat(fixture.onHand(product)).isEqualTo(10);
    assertThat(fixture.reserved(product)).isZero();
    assertThat(fixture.status(order, product)).isEqualTo("RETURNED");
    assertThat(fixture.scalar("SELECT returned_on_hand FROM inventory_reservations WHERE order_id = '" + order + "'"))
        .isZero();
  }

  @Test
  @DisplayName("a return for an order that never had stock is answered with no items")
  void returnNothing() {
    UUID order = UUID.randomUUID();
    fixture.deliver(returnRequested(order));
    await().atMost(PATIENCE).until(() -> fixture.answers(StockReturned.class).size() == 1);
    assertThat(fixture.answers(StockReturned.class).get(0).items()).isEmpty();
  }
}
