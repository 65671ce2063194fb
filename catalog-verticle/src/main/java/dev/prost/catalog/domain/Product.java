package dev.prost.catalog.domain;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A product as the API shows it; {@code stock_available} is on hand minus reserved. */
public record Product(
    UUID id, String sku, String name, String description, long priceCents, String currency, UUID categoryId,
    UUID supplierId, boolean active, int stockOnHand, int stockReserved, long version) {

  public int stockAvailable() {
    return stockOnHand - stockReserved;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("sku", sku)
        .put("name", name)
        .put("description", description)
        .put("price_cents", priceCents)
        .put("currency", currency)
        .put("category_id", categoryId.toString())
        .put("supplier_id", supplierId == null ? null : supplierId.toString())
        .put("active", active)
        .put("stock_on_hand", stockOnHand)
        .put("stock_reserved", stockReserved)
        .put("stock_available", stockAvailable());
  }
}
