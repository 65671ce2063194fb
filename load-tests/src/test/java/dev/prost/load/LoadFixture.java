package dev.prost.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run needs before its first virtual user: the seeded products (created through the
 * admin API with plenty of stock, so checkouts confirm unless the card is declined) and, for
 * checkouts, registered customers each logged in once. Idempotent: a second run against the
 * same system reuses what is there.
 */
final class LoadFixture {

  private static final Logger log = LoggerFactory.getLogger(LoadFixture.class);
  private static final String PASSWORD = "load-test-customer-password";
  private static final String CATEGORY = "Load test teas";
  private static final String SKU_PREFIX = "LOAD-";
  /** Logins are Argon2id verifications: more at once than the machine has cores only queue. */
  private static final int PARALLEL_LOGINS = 4;

  final Catalogue catalogue = new Catalogue();
  final Customers customers = new Customers();
  private final LoadConfig config;
  private final Api api = new Api();

  LoadFixture(LoadConfig config) {
    this.config = config;
  }

  void prepare(boolean withCustomers) {
    String admin = login(config.adminEmail(), config.adminPassword());
    catalogue.set(products(admin));
    log.info("{} products in the catalogue", catalogue.size());
    if (withCustomers) {
      List<Customers.Customer> ready = logInCustomers();
      waitForProjection(ready.get(0).token());
      ready.forEach(customers::add);
      log.info("{} customers logged in", ready.size());
    }
  }

  private String login(String email, String password) {
    return api.post(config.usersUrl() + "/api/auth/login", null, Map.of("email", email, "password", password))
        .expect("login of " + email, 200).body().get("access_token").asText();
  }

  private List<String> products(String admin) {
    List<String> ids = seededIds();
    if (ids.size() >= config.products()) {
      return ids.subList(0, config.products());
    }
    String category = categoryId(admin);
    for (int n = 0; n < config.products(); n++) {
      api.post(config.catalogUrl() + "/api/products", admin, Map.of(
          "sku", SKU_PREFIX + String.format("%05d", n), "name", Catalogue.name(n),
          "description", "A " + Catalogue.name(n) + " seeded for load tests.",
          "price_cents", 250 + (n * 37) % 2000, "currency", "EUR", "category_id", category,
          "stock_on_hand", config.stock()))
          .expect("product " + n, 201, 409);
    }
    return seededIds().subList(0, config.products());
  }

  private List<String> seededIds() {
    List<String> ids = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode body = api.get(config.catalogUrl() + "/api/products?size=100&page=" + page, null)
          .expect("product list", 200).body();
      for (JsonNode product : body.get("items")) {
        if (product.get("sku").asText().startsWith(SKU_PREFIX)) {
          ids.add(product.get("id").asText());
        }
      }
      if (page * 100L >= body.get("total").asLong()) {
        return ids;
      }
    }
  }

  private String categoryId(String admin) {
    for (JsonNode category : api.get(config.catalogUrl() + "/api/categories", null).expect("categories", 200).body()) {
      if (CATEGORY.equals(category.get("name").asText())) {
        return category.get("id").asText();
      }
    }
    return api.post(config.catalogUrl() + "/api/categories", admin, Map.of("name", CATEGORY))
        .expect("category", 201).body().get("id").asText();
  }

  /** Registers the customers that are missing and logs every one in, a few at a time. */
  private List<Customers.Customer> logInCustomers() {
    Instant start = Instant.now();
    Semaphore slots = new Semaphore(PARALLEL_LOGINS);
    List<CompletableFuture<Customers.Customer>> all = new ArrayList<>();
    for (int n = 0; n < config.customers(); n++) {
      String email = String.format("load-%05d@example.com", n);
      slots.acquireUninterruptibly();
      all.add(api.send("POST", config.usersUrl() + "/api/auth/register", null,
              Map.of("email", email, "password", PASSWORD, "name", "Load customer " + n))
          .thenCompose(registered -> {
            registered.expect("registration of " + email, 201, 409);
            return api.send("POST", config.usersUrl() + "/api/auth/login", null,
                Map.of("email", email, "password", PASSWORD));
          })
          .thenApply(login -> new Customers.Customer(email,
              login.expect("login of " + email, 200).body().get("access_token").asText()))
          .whenComplete((customer, failure) -> slots.release()));
    }
    List<Customers.Customer> ready = all.stream().map(CompletableFuture::join).toList();
    log.info("customers registered and logged in in {} s", Duration.between(start, Instant.now()).toSeconds());
    return ready;
  }

  /** Waits until the cart's projection knows every seeded product (it learns them by event). */
  private void waitForProjection(String token) {
    Instant deadline = Instant.now().plusSeconds(120);
    for (int i = 0; i < catalogue.size(); ) {
      String id = catalogue.idAt(i);
      Api.Answer added = api.post(config.cartUrl() + "/api/cart/items", token, Map.of("product_id", id, "quantity", 1));
      if (added.status() == 200) {
        i++;
      } else if (added.status() != 422 || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the cart does not know product " + id + ": " + added.status() + " " + added.body());
      } else {
        sleep(Duration.ofMillis(200));
      }
    }
    api.delete(config.cartUrl() + "/api/cart", token).expect("cart clear", 200);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
