package dev.prost.orders.domain;

import static dev.prost.orders.domain.SagaCommand.ANNOUNCE_CANCELLED;
import static dev.prost.orders.domain.SagaCommand.ANNOUNCE_DELIVERED;
import static dev.prost.orders.domain.SagaCommand.ANNOUNCE_REFUNDED;
import static dev.prost.orders.domain.SagaCommand.ANNOUNCE_SHIPPED;
import static dev.prost.orders.domain.SagaCommand.CONFIRM_ORDER;
import static dev.prost.orders.domain.SagaCommand.FAIL_ORDER;
import static dev.prost.orders.domain.SagaCommand.PLACE_ORDER;
import static dev.prost.orders.domain.SagaCommand.REPORT_COMPENSATION_TIMEOUT;
import static dev.prost.orders.domain.SagaCommand.REQUEST_PAYMENT;
import static dev.prost.orders.domain.SagaCommand.REQUEST_REFUND;
import static dev.prost.orders.domain.SagaCommand.REQUEST_STOCK_RETURN;
import static dev.prost.orders.domain.SagaCommand.VOID_PAYMENT;
import static dev.prost.orders.domain.SagaState.CANCELLED;
import static dev.prost.orders.domain.SagaState.CANCELLING;
import static dev.prost.orders.domain.SagaState.CANCELLING_CHECKOUT;
import static dev.prost.orders.domain.SagaState.CANCELLING_RESTOCK;
import static dev.prost.orders.domain.SagaState.CART_VALIDATED;
import static dev.prost.orders.domain.SagaState.COMPENSATING;
import static dev.prost.orders.domain.SagaState.CONFIRMED;
import static dev.prost.orders.domain.SagaState.DELIVERED;
import static dev.prost.orders.domain.SagaState.FAILED;
import static dev.prost.orders.domain.SagaState.INVENTORY_RESERVED;
import static dev.prost.orders.domain.SagaState.PAYMENT_PROCESSED;
import static dev.prost.orders.domain.SagaState.PENDING;
import static dev.prost.orders.domain.SagaState.REFUNDED;
import static dev.prost.orders.domain.SagaState.REFUNDING;
import static dev.prost.orders.domain.SagaState.REFUNDING_RESTOCK;
import static dev.prost.orders.domain.SagaState.RESTOCKING;
import static dev.prost.orders.domain.SagaState.SHIPPED;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checkout saga as data: (state, input) → step. Pure, no I/O. Every pair not listed as a
 * transition is an {@link Step.Ignore}; {@link #next} never throws for a valid pair, so a late
 * or out-of-order event can never wedge a consumer.
 *
 * <pre>
 * PENDING → CART_VALIDATED → INVENTORY_RESERVED → PAYMENT_PROCESSED → CONFIRMED
 *   any step fails or times out → COMPENSATING → FAILED
 *   cancelled while running → CANCELLING_CHECKOUT → CANCELLED
 * CONFIRMED → CANCELLING (refund) → CANCELLING_RESTOCK (stock back) → CANCELLED
 * CONFIRMED → SHIPPED → DELIVERED → REFUNDING → REFUNDED
 *                                 → REFUNDING_RESTOCK (refund) → RESTOCKING (stock back) → REFUNDED
 * </pre>
 *
 * Every state that waits for an answer re-sends its request when its deadline passes: the
 * payment verticle and catalog answer a repeated request without repeating the refund or the
 * return.
 */
public final class SagaTable {

  private static final Map<SagaState, Map<SagaInput, Step.Transition>> TRANSITIONS = new EnumMap<>(SagaState.class);

  static {
    on(PENDING, SagaInput.CHECKOUT_INITIATED, List.of(CART_VALIDATED), PLACE_ORDER);
    // nothing was reserved or charged: the cart only needs to hear that it failed
    on(PENDING, SagaInput.CHECKOUT_REJECTED, List.of(FAILED), FAIL_ORDER);

    on(CART_VALIDATED, SagaInput.STOCK_RESERVED, List.of(INVENTORY_RESERVED), REQUEST_PAYMENT);
    on(CART_VALIDATED, SagaInput.STOCK_RESERVATION_FAILED, List.of(COMPENSATING), FAIL_ORDER);
    // the reservation may still land after this: catalog answers OrderFailed by releasing it
    on(CART_VALIDATED, SagaInput.DEADLINE_PASSED, List.of(COMPENSATING), FAIL_ORDER);

    on(INVENTORY_RESERVED, SagaInput.PAYMENT_PROCESSED, List.of(PAYMENT_PROCESSED, CONFIRMED), CONFIRM_ORDER);
    on(INVENTORY_RESERVED, SagaInput.PAYMENT_FAILED, List.of(COMPENSATING), FAIL_ORDER);
    // the gateway may still answer: the payment is voided first, so a late charge is refunded
    on(INVENTORY_RESERVED, SagaInput.DEADLINE_PASSED, List.of(COMPENSATING), VOID_PAYMENT, FAIL_ORDER);

    on(COMPENSATING, SagaInput.STOCK_RELEASED, List.of(FAILED));
    on(COMPENSATING, SagaInput.DEADLINE_PASSED, List.of(FAILED), REPORT_COMPENSATION_TIMEOUT);

    // a cancel while the checkout runs compensates exactly as a failure would
    on(CART_VALIDATED, SagaInput.CANCEL_REQUESTED, List.of(CANCELLING_CHECKOUT), FAIL_ORDER);
    on(INVENTORY_RESERVED, SagaInput.CANCEL_REQUESTED, List.of(CANCELLING_CHECKOUT), VOID_PAYMENT, FAIL_ORDER);
    on(CANCELLING_CHECKOUT, SagaInput.STOCK_RELEASED, List.of(CANCELLED), ANNOUNCE_CANCELLED);
    on(CANCELLING_CHECKOUT, SagaInput.DEADLINE_PASSED, List.of(CANCELLED), REPORT_COMPENSATION_TIMEOUT,
        ANNOUNCE_CANCELLED);

    // after confirmation: money back first, then the units
    on(CONFIRMED, SagaInput.CANCEL_REQUESTED, List.of(CANCELLING), REQUEST_REFUND);
    on(CANCELLING, SagaInput.PAYMENT_REFUNDED, List.of(CANCELLING_RESTOCK), REQUEST_STOCK_RETURN);
    on(CANCELLING, SagaInput.DEADLINE_PASSED, List.of(CANCELLING), REQUEST_REFUND);
    on(CANCELLING_RESTOCK, SagaInput.STOCK_RETURNED, List.of(CANCELLED), ANNOUNCE_CANCELLED);
    on(CANCELLING_RESTOCK, SagaInput.DEADLINE_PASSED, List.of(CANCELLING_RESTOCK), REQUEST_STOCK_RETURN);

    on(CONFIRMED, SagaInput.SHIP_REQUESTED, List.of(SHIPPED), ANNOUNCE_SHIPPED);
    on(SHIPPED, SagaInput.DELIVERY_CONFIRMED, List.of(DELIVERED), ANNOUNCE_DELIVERED);

    on(DELIVERED, SagaInput.REFUND_REQUESTED, List.of(REFUNDING), REQUEST_REFUND);
    on(REFUNDING, SagaInput.PAYMENT_REFUNDED, List.of(REFUNDED), ANNOUNCE_REFUNDED);
    on(REFUNDING, SagaInput.DEADLINE_PASSED, List.of(REFUNDING), REQUEST_REFUND);
    on(DELIVERED, SagaInput.RESTOCK_REFUND_REQUESTED, List.of(REFUNDING_RESTOCK), REQUEST_REFUND);
    on(REFUNDING_RESTOCK, SagaInput.PAYMENT_REFUNDED, List.of(RESTOCKING), REQUEST_STOCK_RETURN);
    on(REFUNDING_RESTOCK, SagaInput.DEADLINE_PASSED, List.of(REFUNDING_RESTOCK), REQUEST_REFUND);
    on(RESTOCKING, SagaInput.STOCK_RETURNED, List.of(REFUNDED), ANNOUNCE_REFUNDED);
    on(RESTOCKING, SagaInput.DEADLINE_PASSED, List.of(RESTOCKING), REQUEST_STOCK_RETURN);
  }

  private SagaTable() {}

  /** The step for {@code input} arriving at a saga in {@code state}. */
  public static Step next(SagaState state, SagaInput input) {
    Step.Transition transition = TRANSITIONS.getOrDefault(state, Map.of()).get(input);
    if (transition != null) {
      return transition;
    }
    return new Step.Ignore(state.terminal()
        ? "the saga already ended " + state
        : input + " does not apply in " + state);
  }

  private static void on(SagaState from, SagaInput input, List<SagaState> path, SagaCommand... commands) {
    TRANSITIONS.computeIfAbsent(from, s -> new EnumMap<>(SagaInput.class))
        .put(input, new Step.Transition(path, List.of(commands)));
  }
}
