package dev.prost.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.domain.SagaState;
import dev.prost.orders.domain.SagaTable;
import dev.prost.orders.domain.Step;
import dev.prost.platform.testing.ResponseSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The orders contract against the saga table it describes: the enums of the document are
 * derived from {@link SagaTable} here, so a state added to the saga (or one that can no longer
 * occur) fails until the document says so.
 */
@DisplayName("Orders contract: the state enums follow the saga table")
class OrdersContractTest {

  private static final ResponseSchemas CONTRACT = ResponseSchemas.of("openapi/orders.yaml");

  // an order is created in its first step's target, and every later step ends in a target
  private static Set<SagaState> storable() {
    Set<SagaState> states = EnumSet.noneOf(SagaState.class);
    everyTransition().forEach(t -> states.add(t.target()));
    return states;
  }

  // the journal's seed, then every state a step passes through
  private static Set<SagaState> inHistory() {
    Set<SagaState> states = EnumSet.of(SagaState.PENDING);
    everyTransition().forEach(t -> states.addAll(t.path()));
    return states;
  }

  private static List<Step.Transition> everyTransition() {
    List<Step.Transition> all = new ArrayList<>();
    for (SagaState state : SagaState.values()) {
      for (SagaInput input : SagaInput.values()) {
        if (SagaTable.next(state, input) instanceof Step.Transition t) {
          all.add(t);
        }
      }
    }
    return all;
  }

  private static Set<String> names(Set<SagaState> states) {
    return states.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> enumOf(JsonObject schema) {
    return schema.getJsonArray("enum").stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonObject queryParam(String path, String method, String name) {
    JsonArray params = CONTRACT.contract().getJsonObject("paths").getJsonObject(path).getJsonObject(method)
        .getJsonArray("parameters");
    return params.stream().map(JsonObject.class::cast).filter(p -> name.equals(p.getString("name"))).findFirst()
        .orElseThrow().getJsonObject("schema");
  }

  @Test
  @DisplayName("Status (an order's status, the list filter) holds exactly the states an order can be in")
  void statusEnum() {
    assertThat(enumOf(CONTRACT.component("Status"))).isEqualTo(names(storable()))
        .doesNotContain("PENDING", "PAYMENT_PROCESSED");
    assertThat(queryParam("/api/orders", "get", "status").getString("$ref")).isEqualTo("#/components/schemas/Status");
  }

  @Test
  @DisplayName("HistoryState holds every state a history can show, PENDING first among them")
  void historyEnum() {
    assertThat(enumOf(CONTRACT.component("HistoryState"))).isEqualTo(names(inHistory()))
        .contains("PENDING", "PAYMENT_PROCESSED");
    assertThat(names(inHistory())).isEqualTo(names(EnumSet.allOf(SagaState.class)));
  }

  @Test
  @DisplayName("the ops filter offers exactly the states a saga waits in (those with a deadline)")
  void opsFilterEnum() {
    SagaConfig config = SagaConfig.defaults();
    Set<SagaState> waiting = EnumSet.noneOf(SagaState.class);
    for (SagaState state : SagaState.values()) {
      config.deadlineFor(state).ifPresent(d -> waiting.add(state));
    }
    assertThat(enumOf(queryParam("/api/ops/sagas", "get", "state"))).isEqualTo(names(waiting));
    // a waiting state is one an order can be in, and never one at rest
    assertThat(storable()).containsAll(waiting);
    assertThat(waiting).noneMatch(SagaState::atRest);
    Set<SagaState> notResting = EnumSet.copyOf(storable());
    notResting.removeIf(SagaState::atRest);
    assertThat(waiting).isEqualTo(notResting);
  }

  @Test
  @DisplayName("the response check refuses a body that drifted from the schema")
  void responseCheckCanFail() {
    JsonObject order = new JsonObject().put("id", "8d0c4f4e-3f3a-4a53-9a51-2ac9d5b2e6d1")
        .put("user_id", "4e0a1c52-6f8e-4f44-8b7a-0d3f1e9c2a10").put("status", "CONFIRMED").put("total_cents", 5198)
        .put("currency", "EUR").putNull("failure_reason").put("created_at", "2026-12-07T21:00:00Z")
        .put("updated_at", "2026-12-07T21:00:01Z").put("refunded_cents", 0).put("items", new JsonArray())
        .put("history", new JsonArray().add(new JsonObject().put("state", "PENDING")
            .put("at", "2026-12-07T21:00:00Z")));
    assertThat(CONTRACT.violations("getOrder", 200, order)).isEmpty();
    assertThat(CONTRACT.violations("getOrder", 200, order.copy().put("status", "PENDING"))).isNotEmpty();
    JsonObject drifted = order.copy();
    drifted.getJsonArray("history").getJsonObject(0).put("state", "LOST_IN_THE_POST");
    assertThat(CONTRACT.violations("getOrder", 200, drifted)).isNotEmpty();
    assertThat(CONTRACT.violations("getOrder", 200, order.copy().put("refunded_cents", "none"))).isNotEmpty();
    assertThat(CONTRACT.violations("listOrders", 200, new JsonObject().put("items", new JsonArray().add(order))
        .put("page", 1).put("size", 20).put("total", 1))).isEmpty();
    assertThat(CONTRACT.violations("listOrders", 200, new JsonObject().put("items", new JsonArray()))).isNotEmpty();
  }
}
