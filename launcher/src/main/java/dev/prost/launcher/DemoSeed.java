package dev.prost.launcher;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo catalogue for a first start: five categories, fifty products with stock. It goes
 * through the public API as an admin (log in at users, write at catalog), so the products
 * reach the cart's projection by ProductCreated like any other; and it does nothing if the
 * catalogue has a product already, so it is safe on every start.
 */
final class DemoSeed {

  private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

  static final Map<String, List<String>> CATALOGUE = catalogue();

  private final WebClient users;
  private final WebClient catalog;

  DemoSeed(WebClient users, WebClient catalog) {
    this.users = users;
    this.catalog = catalog;
  }

  /** Seeds unless the catalogue is not empty; answers the number of products created. */
  Future<Integer> seed(String adminEmail, String adminPassword) {
    return catalog.get("/api/products").addQueryParam("size", "1").send()
        .compose(page -> {
          if (page.statusCode() != 200) {
            return Future.failedFuture("catalog answered " + page.statusCode() + " to a product list");
          }
          if (page.bodyAsJsonObject().getLong("total") > 0) {
            log.info("catalogue already has products: no demo data added");
            return Future.succeededFuture(0);
          }
          return login(adminEmail, adminPassword).compose(this::create);
        });
  }

  private Future<String> login(String email, String password) {
    return users.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password))
        .map(response -> ok(response, 200, "admin login").bodyAsJsonObject().getString("access_token"));
  }

  private Future<Integer> create(String token) {
    Future<Integer> chain = Future.succeededFuture(0);
    int index = 0;
    for (Map.Entry<String, List<String>> category : CATALOGUE.entrySet()) {
      int first = index;
      chain = chain.compose(created -> post(token, "/api/categories", new JsonObject().put("name", category.getKey()))
          .compose(categoryId -> products(token, categoryId, category.getValue(), first))
          .map(n -> created + n));
      index += category.getValue().size();
    }
    return chain.onSuccess(n -> log.info("demo catalogue seeded: {} categories, {} products", CATALOGUE.size(), n));
  }

  private Future<Integer> products(String token, String categoryId, List<String> names, int first) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (int i = 0; i < names.size(); i++) {
      int n = first + i;
      JsonObject product = new JsonObject()
          .put("sku", "DEMO-" + String.format("%03d", n + 1))
          .put("name", names.get(i))
          .put("description", "Demo product " + (n + 1) + " of the Prost sample catalogue.")
          .put("price_cents", 299 + (n * 737) % 9700)
          .put("currency", "EUR")
          .put("category_id", categoryId)
          .put("stock_on_hand", 20 + (n * 37) % 180);
      chain = chain.compose(created -> post(token, "/api/products", product).map(id -> created + 1));
    }
    return chain;
  }

  private Future<String> post(String token, String path, JsonObject body) {
    return catalog.post(path).putHeader("Authorization", "Bearer " + token).sendJsonObject(body)
        .map(response -> ok(response, 201, "POST " + path).bodyAsJsonObject().getString("id"));
  }

  private static HttpResponse<Buffer> ok(HttpResponse<Buffer> response, int expected, String what) {
    if (response.statusCode() != expected) {
      throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response;
  }

  private static Map<String, List<String>> catalogue() {
    Map<String, List<String>> catalogue = new LinkedHashMap<>();
    catalogue.put("Tea", List.of("Assam Breakfast", "Darjeeling First Flush", "Sencha Uji", "Genmaicha",
        "Earl Grey Supreme", "Rooibos Vanilla", "Jasmine Pearls", "Oolong Tieguanyin", "Lapsang Souchong",
        "Chamomile Blossom"));
    catalogue.put("Coffee", List.of("Ethiopia Yirgacheffe", "Colombia Huila", "Kenya AA", "Brazil Cerrado",
        "Guatemala Antigua", "Sumatra Mandheling", "Espresso Blend", "Decaf Swiss Water", "Costa Rica Tarrazu",
        "Rwanda Bourbon"));
    catalogue.put("Teaware", List.of("Cast Iron Teapot", "Glass Kettle", "Porcelain Gaiwan", "Bamboo Tea Tray",
        "Tea Strainer", "Matcha Whisk", "Double-Wall Cup", "Clay Yixing Pot", "Travel Infuser", "Tea Caddy"));
    catalogue.put("Kitchen", List.of("Pour-Over Dripper", "Burr Grinder", "Milk Frother", "Digital Scale",
        "Gooseneck Kettle", "French Press", "Moka Pot", "Cold Brew Jar", "Paper Filters", "Barista Thermometer"));
    catalogue.put("Books", List.of("The Book of Tea", "Coffee Atlas", "Steeped", "The Tea Cook",
        "Craft Coffee", "Leaf and Cup", "Morning Rituals", "The Roaster's Notes", "Origins", "Slow Brewing"));
    return catalogue;
  }
}
