package dev.prost.catalog.api;

import dev.prost.catalog.CatalogConfig;
import dev.prost.catalog.ProductWrites;
import dev.prost.catalog.cache.ProductCache;
import dev.prost.catalog.cache.ProductPages;
import dev.prost.catalog.store.Categories;
import dev.prost.catalog.store.Products;
import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** Every route of the catalog service, in one place: reads for anyone, writes for admins. */
public final class CatalogRoutes {

  private CatalogRoutes() {}

  public static ServiceRouter.Options of(CatalogConfig config, Pool pool, ProductWrites writes, ProductCache cache,
      ProductPages pages, JwtVerifier verifier, HealthChecks health, PrometheusMeterRegistry registry) {
    CatalogApi api = new CatalogApi(pool, new Categories(), new Products(), writes, cache, pages);
    Handler<RoutingContext> authenticated = AuthHandlers.authenticate(verifier);
    Handler<RoutingContext> admin = AuthHandlers.requireRole(Principal.ADMIN);
    return new ServiceRouter.Options(CatalogConfig.SERVICE, "openapi/catalog.yaml")
        .operation("listCategories", api::listCategories)
        .operation("createCategory", authenticated, admin, api::createCategory)
        .operation("listProducts", api::listProducts)
        .operation("getProduct", api::getProduct)
        .operation("createProduct", authenticated, admin, api::createProduct)
        .operation("updateProduct", authenticated, admin, api::updateProduct)
        .operation("deleteProduct", authenticated, admin, api::deleteProduct)
        .operation("setStock", authenticated, admin, api::setStock)
        .bodyLimit(config.maxBodyBytes())
        .admission(config.admission())
        .health(health)
        .metrics(registry);
  }
}
