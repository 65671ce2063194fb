package dev.prost.catalog;

import dev.prost.catalog.cache.ProductCache;
import dev.prost.catalog.cache.ProductPages;
import dev.prost.catalog.domain.Product;
import dev.prost.catalog.store.Categories;
import dev.prost.catalog.store.Products;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.ProductCreated;
import dev.prost.platform.events.ProductUpdated;
import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;

/**
 * Admin writes: each one transaction with its ProductCreated/ProductUpdated in the outbox,
 * then the product's cache entry and this instance's kept list pages dropped once the
 * transaction committed.
 */
public final class ProductWrites {

  private final Pool pool;
  private final Categories categories;
  private final Products products;
  private final Outbox outbox;
  private final ProductCache cache;
  private final ProductPages pages;

  public ProductWrites(Pool pool, Categories categories, Products products, Outbox outbox, ProductCache cache,
      ProductPages pages) {
    this.pool = pool;
    this.categories = categories;
    this.products = products;
    this.outbox = outbox;
    this.cache = cache;
    this.pages = pages;
  }

  public Future<Product> create(JsonObject body) {
    UUID category = UUID.fromString(body.getString("category_id"));
    String supplier = body.getString("supplier_id");
    Product product = new Product(UUID.randomUUID(), body.getString("sku"), RequestValues.text(body, "name"),
        body.getString("description", ""), body.getLong("price_cents"), body.getString("currency"), category,
        supplier == null ? null : UUID.fromString(supplier), true, body.getInteger("stock_on_hand"), 0, 1);
    return pool.withTransaction(conn -> requireCategory(conn, category)
        .compose(v -> products.insert(conn, product))
        .compose(inserted -> {
          if (!inserted) {
            throw ProblemException.conflict("sku-taken", "a product with this SKU exists");
          }
          return outbox.append(conn, EventEnvelope.first(CatalogConfig.SERVICE, product.id(), created(product)));
        })
        .map(v -> product))
        .onSuccess(created -> pages.invalidateAll());
  }

  /** Applies a partial update (the contract allows only catalogue fields). */
  public Future<Product> update(UUID id, JsonObject patch) {
    return pool.withTransaction(conn -> products.lockById(conn, id)
            .compose(found -> {
              Product old = found.orElseThrow(() -> ProblemException.notFound("no such product"));
              UUID category = patch.containsKey("category_id")
                  ? UUID.fromString(patch.getString("category_id")) : old.categoryId();
              String name = patch.containsKey("name") ? RequestValues.text(patch, "name") : old.name();
              Product next = new Product(id, old.sku(), name,
                  patch.getString("description", old.description()), patch.getLong("price_cents", old.priceCents()),
                  patch.getString("currency", old.currency()), category, old.supplierId(),
                  patch.getBoolean("active", old.active()), old.stockOnHand(), old.stockReserved(), old.version());
              return (category.equals(old.categoryId()) ? Future.<Void>succeededFuture() : requireCategory(conn, category))
                  .compose(v -> products.update(conn, next))
                  .map(stored -> stored.orElseThrow(() -> ProblemException.notFound("no such product")));
            })
            .compose(stored -> outbox.append(conn, EventEnvelope.first(CatalogConfig.SERVICE, id, updated(stored)))
                .map(v -> stored)))
        .onSuccess(stored -> pages.invalidateAll())
        .compose(stored -> cache.invalidate(List.of(id)).map(stored));
  }

  public Future<Product> setStock(UUID id, int onHand) {
    return products.setStock(pool, id, onHand)
        .compose(stored -> stored.isPresent()
            ? Future.succeededFuture(stored.get())
            : products.byId(pool, id).map(found -> {
              Product product = found.orElseThrow(() -> ProblemException.notFound("no such product"));
              throw ProblemException.conflict("stock-below-reserved", "stock_on_hand " + onHand
                  + " is below the " + product.stockReserved() + " units reserved by checkouts");
            }))
        .onSuccess(stored -> pages.invalidateAll())
        .compose(stored -> cache.invalidate(List.of(id)).map(stored));
  }

  private Future<Void> requireCategory(SqlConnection conn, UUID category) {
    return categories.exists(conn, category).map(exists -> {
      if (!exists) {
        throw ProblemException.unprocessable("unknown-category", "category_id", "no such category");
      }
      return null;
    });
  }

  private static ProductCreated created(Product p) {
    return new ProductCreated(p.id(), p.sku(), p.name(), p.description(), p.priceCents(), p.currency(),
        p.categoryId(), p.supplierId(), p.active(), p.version());
  }

  private static ProductUpdated updated(Product p) {
    return new ProductUpdated(p.id(), p.name(), p.priceCents(), p.currency(), p.active(), p.version());
  }
}
