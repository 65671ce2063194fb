package dev.prost.catalog.domain;

import java.util.UUID;

/** The list query: every field optional (null), page 1-based, size ≤ 100 (checked by the contract). */
public record ProductFilter(UUID categoryId, String text, Long minPriceCents, Long maxPriceCents, Boolean active,
    int page, int size) {

  /** {@code text} as a LIKE pattern that matches it literally: {@code %}, {@code _} and {@code \} escaped. */
  public String likePattern() {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
