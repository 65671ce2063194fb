package dev.prost.platform.events;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.UUID;

/**
 * A product was added to the catalogue (version 2).
 *
 * <p>Version 1 had no {@code supplierId}; {@link Upcasters} turns it into a version 2 payload
 * with a null supplier, which is why {@code supplierId} is the one nullable field.
 */
public record ProductCreated(
  UUID productId,
  String sku,
  String name,
  String description,
  long priceCents,
  String currency,
  UUID categoryId,
  // The codec rejects nulls by default; this field opts out because v1 products have no supplier.
  @JsonSetter(nulls = Nulls.SET) UUID supplierId,
  boolean active,
  long productVersion) implements Event {
}
