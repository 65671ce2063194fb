package dev.prost.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCatalogTest {

  @Test
  @DisplayName("every permitted Event record is in the catalogue once, named by its simple name")
  void coversTheSealedHierarchy() {
    List<Class<?>> permitted = Arrays.asList(Event.class.getPermittedSubclasses());

    assertThat(EventCatalog.all()).<Class<?>>extracting(EventType::javaClass)
      .containsExactlyInAnyOrderElementsOf(permitted);
    assertThat(EventCatalog.all())
      .allSatisfy(type -> assertThat(type.name()).isEqualTo(type.javaClass().getSimpleName()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UserRegistered,         1, users,   user.registered",
    "ProductCreated,         2, catalog, product.created",
    "ProductUpdated,         1, catalog, product.updated",
    "CartCheckoutInitiated,  1, cart,    checkout.initiated",
    "OrderPlaced,            1, orders,  order.placed",
    "StockReserved,          1, catalog, stock.reserved",
    "StockReservationFailed, 1, catalog, stock.reservation-failed",
    "PaymentRequested,       1, orders,  payment.requested",
    "PaymentProcessed,       1, orders,  payment.processed",
    "PaymentFailed,          1, orders,  payment.failed",
    "OrderConfirmed,         1, orders,  order.confirmed",
    "OrderFailed,            1, orders,  order.failed",
    "StockReleased,          1, catalog, stock.released",
    "PaymentRefundRequested, 1, orders,  payment.refund-requested",
    "PaymentRefunded,        1, orders,  payment.refunded",
    "StockReturnRequested,   1, orders,  order.stock-return-requested",
    "StockReturned,          1, catalog, stock.returned",
    "OrderCancelled,         1, orders,  order.cancelled",
    "OrderShipped,           1, orders,  order.shipped",
    "OrderDelivered,         1, orders,  order.delivered",
    "OrderRefunded,          1, orders,  order.refunded"})
  @DisplayName("each type has the version, producer, exchange and routing key of DESIGN.md §3")
  void matchesTheDesign(String name, int version, String producer, String routingKey) {
    EventType type = EventCatalog.byName(name).orElseThrow();

    assertThat(type.version()).isEqualTo(version);
    assertThat(type.producer()).isEqualTo(producer);
    assertThat(type.routingKey()).isEqualTo(routingKey);
    assertThat(EventCatalog.exchangeOf(type)).isEqualTo(producer + ".events");
    assertThat(EventCatalog.byClass(type.javaClass())).isSameAs(type);
  }

  @Test
  @DisplayName("an unknown name finds nothing, and an instance finds its type")
  void lookups() {
    assertThat(EventCatalog.byName("OrderTeleported")).isEmpty();
    assertThat(EventCatalog.of(EventSamples.of(PaymentFailed.class)).routingKey())
      .isEqualTo("payment.failed");
  }
}
