package dev.prost.cart.domain;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** One line of a cart, priced from the projection at the time it is read. */
public record CartLine(UUID productId, String name, int quantity, long unitPriceCents, String currency) {

  public long totalCents() {
    return unitPriceCents * quantity;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("product_id", productId.toString())
        .put("name", name)
        .put("quantity", quantity)
        .put("unit_price_cents", unitPriceCents)
        .put("line_total_cents", totalCents());
  }
}
