package dev.prost.catalog.domain;

import dev.prost.platform.events.ShortLine;
import dev.prost.platform.events.StockLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whether every line of an order fits the stock read under lock: all or nothing, so the
 * answer names every short line at once rather than the first.
 *
 * @param shortLines the lines that cannot be reserved; empty when the whole order fits
 * @param reason a human-readable summary of why, or null when nothing is short
 */
public record StockCheck(List<ShortLine> shortLines, String reason) {

  public StockCheck {
    shortLines = List.copyOf(shortLines);
  }

  /** True when every line can be reserved (an order with no lines cannot). */
  public boolean fits() {
    return reason == null;
  }

  /**
   * Checks the wanted lines against the products found. An unknown or inactive product has
   * nothing available: the short line says so with {@code available = 0}.
   */
  public static StockCheck of(List<StockLine> wanted, Map<UUID, ProductStock> stock) {
    if (wanted.isEmpty()) {
      return new StockCheck(List.of(), "order has no lines");
    }
    List<ShortLine> shortLines = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (StockLine line : wanted) {
      ProductStock product = stock.get(line.productId());
      if (product == null) {
        shortLines.add(new ShortLine(line.productId(), line.quantity(), 0));
        reasons.add("unknown product " + line.productId());
      } else if (!product.active()) {
        shortLines.add(new ShortLine(line.productId(), line.quantity(), 0));
        reasons.add("product " + line.productId() + " is not for sale");
      } else if (product.available() < line.quantity()) {
        shortLines.add(new ShortLine(line.productId(), line.quantity(), product.available()));
        reasons.add("insufficient stock for " + line.productId() + ": " + line.quantity()
            + " requested, " + product.available() + " available");
      }
    }
    return new StockCheck(shortLines, reasons.isEmpty() ? null : String.join("; ", reasons));
  }
}
