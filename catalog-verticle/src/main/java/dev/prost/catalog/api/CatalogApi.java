package dev.prost.catalog.api;

import dev.prost.catalog.ProductWrites;
import dev.prost.catalog.cache.ProductCache;
import dev.prost.catalog.cache.ProductPages;
import dev.prost.catalog.domain.ProductFilter;
import dev.prost.catalog.store.Categories;
import dev.prost.catalog.store.Products;
import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestValues;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/** The catalog's operations, one small method each; routes are declared in {@link CatalogRoutes}. */
final class CatalogApi {

  private final Pool pool;
  private final Categories categories;
  private final Products products;
  private final ProductWrites writes;
  private final ProductCache cache;
  private final ProductPages pages;

  CatalogApi(Pool pool, Categories categories, Products products, ProductWrites writes, ProductCache cache,
      ProductPages pages) {
    this.pool = pool;
    this.categories = categories;
    this.products = products;
    this.writes = writes;
    this.cache = cache;
    this.pages = pages;
  }

  void listCategories(RoutingContext ctx) {
    categories.all(pool).onSuccess(list -> json(ctx, 200, list.encode())).onFailure(ctx::fail);
  }

  void createCategory(RoutingContext ctx) {
    categories.insert(pool, RequestValues.text(RequestValues.body(ctx), "name"))
        .onSuccess(created -> {
          if (created == null) {
            ctx.fail(ProblemException.conflict("category-taken", "a category with this name exists"));
          } else {
            json(ctx, 201, created.encode());
          }
        })
        .onFailure(ctx::fail);
  }

  void listProducts(RoutingContext ctx) {
    ProductFilter filter = new ProductFilter(
        uuid(RequestValues.queryParam(ctx, "category_id")),
        text(RequestValues.queryParam(ctx, "q")),
        number(RequestValues.queryParam(ctx, "min_price_cents")),
        number(RequestValues.queryParam(ctx, "max_price_cents")),
        flag(RequestValues.queryParam(ctx, "active")),
        RequestValues.queryParam(ctx, "page").getInteger(1),
        RequestValues.queryParam(ctx, "size").getInteger(20));
    pages.get(filter, () -> products.page(pool, filter).map(JsonObject::encode))
        .onSuccess(page -> json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  void getProduct(RoutingContext ctx) {
    UUID id = UUID.fromString(RequestValues.pathParam(ctx, "id"));
    cache.get(id, () -> products.byId(pool, id).map(found -> found.map(p -> p.toJson().encode())))
        .onSuccess(found -> found.ifPresentOrElse(json -> json(ctx, 200, json),
            () -> ctx.fail(ProblemException.notFound("no such product"))))
        .onFailure(ctx::fail);
  }

  void createProduct(RoutingContext ctx) {
    writes.create(RequestValues.body(ctx)).onSuccess(p -> json(ctx, 201, p.toJson().encode())).onFailure(ctx::fail);
  }

  void updateProduct(RoutingContext ctx) {
    writes.update(UUID.fromString(RequestValues.pathParam(ctx, "id")), RequestValues.body(ctx))
        .onSuccess(p -> json(ctx, 200, p.toJson().encode()))
        .onFailure(ctx::fail);
  }

  void deleteProduct(RoutingContext ctx) {
    writes.update(UUID.fromString(RequestValues.pathParam(ctx, "id")), new JsonObject().put("active", false))
        .onSuccess(p -> json(ctx, 200, p.toJson().encode()))
        .onFailure(ctx::fail);
  }

  void setStock(RoutingContext ctx) {
    writes.setStock(UUID.fromString(RequestValues.pathParam(ctx, "id")),
            RequestValues.body(ctx).getInteger("stock_on_hand"))
        .onSuccess(p -> json(ctx, 200, p.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  private static UUID uuid(RequestParameter p) {
    return p == null || p.isNull() ? null : UUID.fromString(p.getString());
  }

  private static String text(RequestParameter p) {
    return p == null || p.isNull() ? null : p.getString();
  }

  private static Long number(RequestParameter p) {
    return p == null || p.isNull() ? null : p.getLong();
  }

  private static Boolean flag(RequestParameter p) {
    return p == null || p.isNull() ? null : p.getBoolean();
  }
}
