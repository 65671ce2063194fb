package dev.prost.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (state, input) pair of the saga, checked against a table written out here a second
 * time, by hand: a pair missing below must be an ignore, so adding a transition to the
 * production table without adding it here fails.
 */
@DisplayName("Saga transition table: every (state, input) pair")
class SagaTableTest {

  /** state, input → path (states passed through) | commands. */
  private static final String EXPECTED = """
      PENDING            CHECKOUT_INITIATED        CART_VALIDATED              | PLACE_ORDER
      PENDING            CHECKOUT_REJECTED         FAILED                      | FAIL_ORDER
      CART_VALIDATED     STOCK_RESERVED            INVENTORY_RESERVED          | REQUEST_PAYMENT
      CART_VALIDATED     STOCK_RESERVATION_FAILED  COMPENSATING                | FAIL_ORDER
      CART_VALIDATED     DEADLINE_PASSED           COMPENSATING                | FAIL_ORDER
      INVENTORY_RESERVED PAYMENT_PROCESSED         PAYMENT_PROCESSED,CONFIRMED | CONFIRM_ORDER
      INVENTORY_RESERVED PAYMENT_FAILED            COMPENSATING                | FAIL_ORDER
      INVENTORY_RESERVED DEADLINE_PASSED           COMPENSATING                | VOID_PAYMENT,FAIL_ORDER
      COMPENSATING       STOCK_RELEASED            FAILED                      |
      COMPENSATING       DEADLINE_PASSED           FAILED                      | REPORT_COMPENSATION_TIMEOUT
      CART_VALIDATED     CANCEL_REQUESTED          CANCELLING_CHECKOUT         | FAIL_ORDER
      INVENTORY_RESERVED CANCEL_REQUESTED          CANCELLING_CHECKOUT         | VOID_PAYMENT,FAIL_ORDER
      CANCELLING_CHECKOUT STOCK_RELEASED           CANCELLED                   | ANNOUNCE_CANCELLED
      CANCELLING_CHECKOUT DEADLINE_PASSED          CANCELLED                   | REPORT_COMPENSATION_TIMEOUT,ANNOUNCE_CANCELLED
      CONFIRMED          CANCEL_REQUESTED          CANCELLING                  | REQUEST_REFUND
      CANCELLING         PAYMENT_REFUNDED          CANCELLING_RESTOCK          | REQUEST_STOCK_RETURN
      CANCELLING         DEADLINE_PASSED           CANCELLING                  | REQUEST_REFUND
      CANCELLING_RESTOCK STOCK_RETURNED            CANCELLED                   | ANNOUNCE_CANCELLED
      CANCELLING_RESTOCK DEADLINE_PASSED           CANCELLING_RESTOCK          | REQUEST_STOCK_RETURN
      CONFIRMED          SHIP_REQUESTED            SHIPPED                     | ANNOUNCE_SHIPPED
      SHIPPED            DELIVERY_CONFIRMED        DELIVERED                   | ANNOUNCE_DELIVERED
      DELIVERED          REFUND_REQUESTED          REFUNDING                   | REQUEST_REFUND
      REFUNDING          PAYMENT_REFUNDED          REFUNDED                    | ANNOUNCE_REFUNDED
      REFUNDING          DEADLINE_PASSED           REFUNDING                   | REQUEST_REFUND
      DELIVERED          RESTOCK_REFUND_REQUESTED  REFUNDING_RESTOCK           | REQUEST_REFUND
      REFUNDING_RESTOCK  PAYMENT_REFUNDED          RESTOCKING                  | REQUEST_STOCK_RETURN
      REFUNDING_RESTOCK  DEADLINE_PASSED           REFUNDING_RESTOCK           | REQUEST_REFUND
      RESTOCKING         STOCK_RETURNED            REFUNDED                    | ANNOUNCE_REFUNDED
      RESTOCKING         DEADLINE_PASSED           RESTOCKING                  | REQUEST_STOCK_RETURN
      """;

  private static final Map<String, Step.Transition> TRANSITIONS = parse();

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (SagaState state : SagaState.values()) {
      for (SagaInput input : SagaInput.values()) {
        pairs.add(Arguments.of(state, input));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("everyPair")
  void everyPairIsATransitionOrAnIgnore(SagaState state, SagaInput input) {
    Step step = SagaTable.next(state, input);
    Step.Transition expected = TRANSITIONS.get(state + " " + input);
    if (expected == null) {
      assertThat(step).as("%s + %s", state, input).isInstanceOf(Step.Ignore.class);
      assertThat(((Step.Ignore) step).why()).isNotBlank();
    } else {
      assertThat(step).as("%s + %s", state, input).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("FAILED, CANCELLED and REFUNDED ignore every input")
  void terminalStatesIgnoreEverything() {
    for (SagaState state : SagaState.values()) {
      if (!state.terminal()) {
        continue;
      }
      for (SagaInput input : SagaInput.values()) {
        assertThat(SagaTable.next(state, input)).isInstanceOf(Step.Ignore.class);
      }
    }
    assertThat(List.of(SagaState.values()).stream().filter(SagaState::terminal))
        .containsExactlyInAnyOrder(SagaState.FAILED, SagaState.CANCELLED, SagaState.REFUNDED);
  }

  @Test
  @DisplayName("every state that waits for an answer moves on when its deadline passes; a resting one waits for nothing")
  void everyWaitingStateHasADeadlineStep() {
    // from any waiting state a passed deadline leads on: no saga can wait forever
    for (SagaState state : SagaState.values()) {
      boolean waits = state != SagaState.PENDING && state != SagaState.PAYMENT_PROCESSED && !state.atRest();
      assertThat(SagaTable.next(state, SagaInput.DEADLINE_PASSED) instanceof Step.Transition)
          .as("%s", state).isEqualTo(waits);
      assertThat(dev.prost.orders.SagaConfig.defaults().deadlineFor(state).isPresent()).as("%s", state)
          .isEqualTo(waits);
    }
  }

  @Test
  @DisplayName("no path leads from SHIPPED to CANCELLED, nor from a cancellation to SHIPPED")
  void shippedAndCancelledExcludeEachOther() {
    for (SagaInput input : SagaInput.values()) {
      for (SagaState from : List.of(SagaState.SHIPPED, SagaState.DELIVERED)) {
        if (SagaTable.next(from, input) instanceof Step.Transition t) {
          assertThat(t.path()).doesNotContain(SagaState.CANCELLING, SagaState.CANCELLED);
        }
      }
      for (SagaState from : List.of(SagaState.CANCELLING_CHECKOUT, SagaState.CANCELLING, SagaState.CANCELLING_RESTOCK,
          SagaState.CANCELLED)) {
        if (SagaTable.next(from, input) instanceof Step.Transition t) {
          assertThat(t.path()).doesNotContain(SagaState.SHIPPED);
        }
      }
    }
  }

  @Test
  void theExpectedTableCoversRealPairsOnly() {
    assertThat(TRANSITIONS).hasSize(29);
  }

  private static Map<String, Step.Transition> parse() {
    Map<String, Step.Transition> table = new HashMap<>();
    for (String line : EXPECTED.strip().split("\n")) {
      String[] halves = line.split("\\|", -1);
      String[] left = halves[0].trim().split("\\s+");
      List<SagaState> path = Arrays.stream(left[2].split(",")).map(SagaState::valueOf).toList();
      List<SagaCommand> commands = halves[1].isBlank() ? List.of()
          : Arrays.stream(halves[1].trim().split(",")).map(SagaCommand::valueOf).toList();
      table.put(SagaState.valueOf(left[0]) + " " + SagaInput.valueOf(left[1]), new Step.Transition(path, commands));
    }
    return table;
  }
}
