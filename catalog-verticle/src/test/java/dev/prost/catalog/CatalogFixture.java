package dev.prost.catalog;

import dev.prost.platform.testing.ServiceFixture;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.UUID;

/**
 * A catalog service ({@link ServiceFixture}) verifying tokens of the tests' own key pair
 * (pinned public key, no users service), with an admin's and a customer's token.
 */
final class CatalogFixture {

  final Vertx vertx;
  final String namespace;
  final int port;
  final WebClient client;
  final String adminToken;
  final String customerToken;
  private final ServiceFixture service;

  CatalogFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    this.service = new ServiceFixture(vertx, db, CatalogTopology.TOPOLOGY, overrides);
    this.namespace = service.namespace;
    this.port = service.port;
    this.client = service.client;
    this.adminToken = service.token(UUID.randomUUID(), "admin", "customer");
    this.customerToken = service.token(UUID.randomUUID(), "customer");
  }

  Map<String, String> env() {
    return service.variables();
  }

  CatalogFixture start() {
    service.start(env -> CatalogService.start(vertx, CatalogConfig.from(env)));
    return this;
  }

  void stop() {
    service.close();
  }

  /** Asks the running service to stop without waiting; {@link #stop()} waits for it and cleans up. */
  Future<Void> stopRequested() {
    return service.stopRequested();
  }

  /** Runs SQL in catalog's schema behind the service's back (as another instance's write would). */
  void sql(String sql) {
    service.sql(sql);
  }

  HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) {
    return service.send(method, path, token, body);
  }

  HttpResponse<Buffer> get(String path) {
    return send("GET", path, null, null);
  }

  String createCategory(String name) {
    HttpResponse<Buffer> response = send("POST", "/api/categories", adminToken, new JsonObject().put("name", name));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("id");
  }

  JsonObject createProduct(String categoryId, String sku, String name, String description, long price, int stock) {
    HttpResponse<Buffer> response = send("POST", "/api/products", adminToken, product(categoryId, sku, name,
        description, price, stock));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  static JsonObject product(String categoryId, String sku, String name, String description, long price, int stock) {
    return new JsonObject().put("sku", sku).put("name", name).put("description", description)
        .put("price_cents", price).put("currency", "EUR").put("category_id", categoryId)
        .put("supplier_id", null).put("stock_on_hand", stock);
  }
}
