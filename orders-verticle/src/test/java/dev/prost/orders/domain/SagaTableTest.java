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
  void terminalStatesIgnoreEverything() {
    for (SagaState state : List.of(SagaState.CONFIRMED, SagaState.FAILED)) {
      for (SagaInput input : SagaInput.values()) {
        assertThat(SagaTable.next(state, input)).isInstanceOf(Step.Ignore.class);
      }
    }
  }

  @Test
  void everyNonTerminalStateCanFailAndEveryFailureCompensatesOrEnds() {
    // from any waiting state a passed deadline leads on: no saga can wait forever
    for (SagaState state : List.of(SagaState.CART_VALIDATED, SagaState.INVENTORY_RESERVED, SagaState.COMPENSATING)) {
      assertThat(SagaTable.next(state, SagaInput.DEADLINE_PASSED)).isInstanceOf(Step.Transition.class);
    }
  }

  @Test
  void theExpectedTableCoversRealPairsOnly() {
    assertThat(TRANSITIONS).hasSize(10);
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
