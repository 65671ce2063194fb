package dev.prost.catalog.domain;

import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.StockLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The stock an order asks for: one line per product, however often the order names it. */
public final class OrderLines {

  private OrderLines() {}

  /**
   * Merges duplicate lines of one product, in first-seen order. A second line for a product
   * is a second request for it: reserving each line alone could pass two checks that the sum
   * fails, and the reservation table holds one row per (order, product).
   *
   * @throws IllegalArgumentException for a quantity below one (impossible data, not a "no")
   */
  public static List<StockLine> merge(List<PricedLine> lines) {
    Map<UUID, Integer> byProduct = new LinkedHashMap<>();
    for (PricedLine line : lines) {
      if (line.quantity() < 1) {
        throw new IllegalArgumentException("line for " + line.productId() + " has quantity " + line.quantity());
      }
      byProduct.merge(line.productId(), line.quantity(), Math::addExact);
    }
    List<StockLine> merged = new ArrayList<>(byProduct.size());
    byProduct.forEach((product, quantity) -> merged.add(new StockLine(product, quantity)));
    return merged;
  }

  /** Sums quantities per product, e.g. over a sweep batch that touches a product for several orders. */
  public static List<StockLine> sumByProduct(List<StockLine> lines) {
    Map<UUID, Integer> byProduct = new LinkedHashMap<>();
    for (StockLine line : lines) {
      byProduct.merge(line.productId(), line.quantity(), Math::addExact);
    }
    List<StockLine> summed = new ArrayList<>(byProduct.size());
    byProduct.forEach((product, quantity) -> summed.add(new StockLine(product, quantity)));
    return summed;
  }
}
