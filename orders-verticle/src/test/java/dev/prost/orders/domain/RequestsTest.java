package dev.prost.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.orders.domain.Requests.Decision;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("API requests: a step, a repeat answered as it stands, or a 409")
class RequestsTest {

  @ParameterizedTest(name = "{1} in {0} → {2}")
  @CsvSource({
    "CART_VALIDATED,      CANCEL_REQUESTED,         APPLY",
    "INVENTORY_RESERVED,  CANCEL_REQUESTED,         APPLY",
    "CONFIRMED,           CANCEL_REQUESTED,         APPLY",
    "CANCELLING_CHECKOUT, CANCEL_REQUESTED,         ALREADY_DONE",
    "CANCELLING,          CANCEL_REQUESTED,         ALREADY_DONE",
    "CANCELLING_RESTOCK,  CANCEL_REQUESTED,         ALREADY_DONE",
    "CANCELLED,           CANCEL_REQUESTED,         ALREADY_DONE",
    "SHIPPED,             CANCEL_REQUESTED,         CONFLICT",
    "DELIVERED,           CANCEL_REQUESTED,         CONFLICT",
    "COMPENSATING,        CANCEL_REQUESTED,         CONFLICT",
    "FAILED,              CANCEL_REQUESTED,         CONFLICT",
    "REFUNDED,            CANCEL_REQUESTED,         CONFLICT",
    "CONFIRMED,           SHIP_REQUESTED,           APPLY",
    "SHIPPED,             SHIP_REQUESTED,           ALREADY_DONE",
    "DELIVERED,           SHIP_REQUESTED,           ALREADY_DONE",
    "CANCELLING,          SHIP_REQUESTED,           CONFLICT",
    "CANCELLED,           SHIP_REQUESTED,           CONFLICT",
    "INVENTORY_RESERVED,  SHIP_REQUESTED,           CONFLICT",
    "SHIPPED,             DELIVERY_CONFIRMED,       APPLY",
    "DELIVERED,           DELIVERY_CONFIRMED,       ALREADY_DONE",
    "CONFIRMED,           DELIVERY_CONFIRMED,       CONFLICT",
    "DELIVERED,           REFUND_REQUESTED,         APPLY",
    "DELIVERED,           RESTOCK_REFUND_REQUESTED, APPLY",
    "REFUNDING,           RESTOCK_REFUND_REQUESTED, ALREADY_DONE",
    "RESTOCKING,          REFUND_REQUESTED,         ALREADY_DONE",
    "REFUNDED,            REFUND_REQUESTED,         ALREADY_DONE",
    "SHIPPED,             REFUND_REQUESTED,         CONFLICT",
    "CONFIRMED,           RESTOCK_REFUND_REQUESTED, CONFLICT"})
  void decides(SagaState state, SagaInput input, Decision expected) {
    assertThat(Requests.decide(state, input)).isEqualTo(expected);
  }
}
