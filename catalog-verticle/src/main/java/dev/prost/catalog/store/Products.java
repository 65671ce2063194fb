package dev.prost.catalog.store;

import dev.prost.catalog.domain.Product;
import dev.prost.catalog.domain.ProductFilter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code products} for the API (stock movements of checkouts live in the reservation store). */
public final class Products {

  private static final String COLUMNS = "id, sku, name, description, price_cents, currency, category_id, supplier_id,"
      + " active, stock_on_hand, stock_reserved, version";

  /** One page and the total count; every filter is a bound parameter, never spliced into SQL. */
  public Future<JsonObject> page(SqlClient client, ProductFilter filter) {
    String where = " " + """
         WHERE ($1::uuid IS NULL OR category_id = $1)
           AND ($2::text IS NULL OR (name || ' ' || description) ILIKE $2)
           AND ($3::bigint IS NULL OR price_cents >= $3)
           AND ($4::bigint IS NULL OR price_cents <= $4)
           AND ($5::boolean IS NULL OR active = $5)
        """;
    Future<Long> total = client.preparedQuery("SELECT count(*) FROM products" + where).execute(filterArgs(filter))
        .map(rows -> rows.iterator().next().getLong(0));
    Future<List<Product>> items = client.preparedQuery(
            "SELECT " + COLUMNS + " FROM products" + where + " ORDER BY name, id LIMIT $6 OFFSET $7")
        .execute(filterArgs(filter).addInteger(filter.size()).addLong((long) (filter.page() - 1) * filter.size()))
        .map(Products::all);
    return Future.all(total, items).map(v -> new JsonObject()
        .put("items", items.result().stream().map(Product::toJson).toList())
        .put("page", filter.page())
        .put("size", filter.size())
        .put("total", total.result()));
  }

  private static Tuple filterArgs(ProductFilter filter) {
    return Tuple.of(filter.categoryId(), filter.text() == null ? null : filter.likePattern(),
        filter.minPriceCents(), filter.maxPriceCents(), filter.active());
  }

  public Future<Optional<Product>> byId(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM products WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  /** The product, its row locked until the caller's transaction ends. */
  public Future<Optional<Product>> lockById(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM products WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  /** Inserts unless the SKU is taken; answers whether it was inserted. */
  public Future<Boolean> insert(SqlClient client, Product p) {
    return client.preparedQuery("""
            INSERT INTO products (id, sku, name, description, price_cents, currency, category_id, supplier_id,
                                  active, stock_on_hand)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (sku) DO NOTHING""")
        .execute(Tuple.from(new Object[] {p.id(), p.sku(), p.name(), p.description(), p.priceCents(), p.currency(),
            p.categoryId(), p.supplierId(), p.active(), p.stockOnHand()}))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Writes the catalogue fields back, bumping the version; answers the stored product. */
  public Future<Optional<Product>> update(SqlClient client, Product p) {
    return client.preparedQuery("""
            UPDATE products SET name = $2, description = $3, price_cents = $4, currency = $5, category_id = $6,
                   active = $7, version = version + 1, updated_at = now()
            WHERE id = $1""" + " RETURNING " + COLUMNS)
        .execute(Tuple.of(p.id(), p.name(), p.description(), p.priceCents(), p.currency(), p.categoryId(), p.active()))
        .map(rows -> all(rows).stream().findFirst());
  }

  /**
   * Sets the stock on hand unless it would fall below what is reserved: the row's CHECK
   * would refuse it too, but asking first gives a clear 409. Empty when no such product.
   */
  public Future<Optional<Product>> setStock(SqlClient client, UUID id, int onHand) {
    return client.preparedQuery("""
            UPDATE products SET stock_on_hand = $2, version = version + 1, updated_at = now()
            WHERE id = $1 AND stock_reserved <= $2""" + " RETURNING " + COLUMNS)
        .execute(Tuple.of(id, onHand))
        .map(rows -> all(rows).stream().findFirst());
  }

  private static List<Product> all(Iterable<Row> rows) {
    List<Product> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new Product(r.getUUID("id"), r.getString("sku"), r.getString("name"), r.getString("description"),
          r.getLong("price_cents"), r.getString("currency"), r.getUUID("category_id"), r.getUUID("supplier_id"),
          r.getBoolean("active"), r.getInteger("stock_on_hand"), r.getInteger("stock_reserved"), r.getLong("version")));
    }
    return list;
  }
}
