package dev.prost.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockLine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reservation rules: merged lines, all-or-nothing check")
class StockCheckTest {

  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();

  @Test
  @DisplayName("duplicate lines of one product are merged, in first-seen order")
  void merges() {
    List<StockLine> merged = OrderLines.merge(List.of(
        new PricedLine(a, 1, 5), new PricedLine(b, 2, 5), new PricedLine(a, 3, 5)));
    assertThat(merged).containsExactly(new StockLine(a, 4), new StockLine(b, 2));
  }

  @Test
  @DisplayName("a line with a quantity below one is impossible data")
  void rejectsNonPositive() {
    assertThatThrownBy(() -> OrderLines.merge(List.of(new PricedLine(a, 0, 5))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the order fits only if every line fits; exactly enough is enough")
  void fits() {
    Map<UUID, ProductStock> stock = Map.of(a, new ProductStock(a, true, 4), b, new ProductStock(b, true, 1));
    assertThat(StockCheck.of(List.of(new StockLine(a, 4), new StockLine(b, 1)), stock).fits()).isTrue();
    StockCheck check = StockCheck.of(List.of(new StockLine(a, 5), new StockLine(b, 1)), stock);
    assertThat(check.fits()).isFalse();
    assertThat(check.shortLines()).containsExactly(new ShortLine(a, 5, 4));
  }

  @Test
  @DisplayName("an order with no lines cannot be reserved")
  void empty() {
    StockCheck check = StockCheck.of(List.of(), Map.of());
    assertThat(check.fits()).isFalse();
    assertThat(check.reason()).isEqualTo("order has no lines");
  }
}
