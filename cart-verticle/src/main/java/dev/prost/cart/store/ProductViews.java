package dev.prost.cart.store;

import dev.prost.cart.domain.ProductView;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The {@code product_view} projection: catalog's products as far as carts need them. */
public final class ProductViews {

  /**
   * Writes the product if this version is newer than the stored one (or there is none).
   * Answers whether it was written: an older or repeated version leaves the row as it is.
   */
  public Future<Boolean> upsert(SqlClient client, UUID id, String name, long priceCents, String currency,
      boolean active, long version) {
    return client.preparedQuery("""
            INSERT INTO product_view (product_id, name, price_cents, currency, active, source_version)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (product_id) DO UPDATE
              SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, currency = EXCLUDED.currency,
                  active = EXCLUDED.active, source_version = EXCLUDED.source_version, updated_at = now()
              WHERE product_view.source_version < EXCLUDED.source_version""")
        .execute(Tuple.of(id, name, priceCents, currency, active, version))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<ProductView>> byId(SqlClient client, UUID id) {
    return client.preparedQuery("""
            SELECT product_id, name, price_cents, currency, active, source_version
            FROM product_view WHERE product_id = $1""")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(of(rows.iterator().next())));
  }

  private static ProductView of(Row row) {
    return new ProductView(row.getUUID("product_id"), row.getString("name"), row.getLong("price_cents"),
        row.getString("currency"), row.getBoolean("active"), row.getLong("source_version"));
  }
}
