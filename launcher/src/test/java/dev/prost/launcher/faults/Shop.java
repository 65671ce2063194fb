package dev.prost.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * What the load buys from, set up through HAProxy as an admin and customers would: a
 * category, products — most of them plentiful, a few scarce so that some checkouts run out of
 * stock and compensate — and registered, logged-in customers.
 */
final class Shop {

  private static final int PLENTIFUL = 13;
  private static final int SCARCE = 2;
  private static final int PLENTY = 10_000;
  private static final int FEW = 10;
  private static final String PASSWORD = "correct horse battery staple";

  /** A logged-in customer. */
  record Customer(String email, String token) {}

  final Map<UUID, Integer> initialStock;
  final List<Customer> customers;
  /** The shop's admin, who ships orders. */
  final String adminToken;

  private Shop(Map<UUID, Integer> initialStock, List<Customer> customers, String adminToken) {
    this.initialStock = initialStock;
    this.customers = customers;
    this.adminToken = adminToken;
  }

  static Shop open(Api api, TestDatabase db, int customers) throws InterruptedException {
    String admin = login(api, Deployment.ADMIN_EMAIL, Deployment.ADMIN_PASSWORD);
    Api.Reply category = api.post("/api/categories", admin, new JsonObject().put("name", "Tea"));
    assertThat(category.status()).as(category.body()).isEqualTo(201);
    Map<UUID, Integer> stock = new LinkedHashMap<>();
    for (int i = 0; i < PLENTIFUL + SCARCE; i++) {
      int onHand = i < PLENTIFUL ? PLENTY : FEW;
      Api.Reply product = api.post("/api/products", admin, new JsonObject().put("sku", "TEA-" + i)
          .put("name", "Tea " + i).put("price_cents", 450 + 25 * i).put("currency", "EUR")
          .put("category_id", category.json().getString("id")).put("stock_on_hand", onHand));
      assertThat(product.status()).as(product.body()).isEqualTo(201);
      stock.put(UUID.fromString(product.json().getString("id")), onHand);
    }
    // the cart prices lines from its projection of catalog's events
    await().atMost(Duration.ofSeconds(60))
        .until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == stock.size());
    return new Shop(Map.copyOf(stock), register(api, customers), admin);
  }

  List<UUID> products() {
    return List.copyOf(initialStock.keySet());
  }

  // Argon2id makes each registration and login cost tens of milliseconds: a few at a time
  private static List<Customer> register(Api api, int count) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Customer>> made = new ArrayList<>();
      IntStream.range(0, count).forEach(i -> made.add(pool.submit(() -> {
        String email = "customer-" + i + "@prost.test";
        Api.Reply registered = api.post("/api/auth/register", null,
            new JsonObject().put("email", email).put("password", PASSWORD).put("name", "Customer " + i));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return new Customer(email, login(api, email, PASSWORD));
      })));
      List<Customer> customers = new ArrayList<>();
      for (Future<Customer> customer : made) {
        customers.add(customer.get());
      }
      return customers;
    } catch (ExecutionException e) {
      throw new IllegalStateException("registering customers failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static String login(Api api, String email, String password) {
    Api.Reply login = api.post("/api/auth/login", null, new JsonObject().put("email", email).put("password", password));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("access_token");
  }

  static Api.Reply tryLogin(Api api, Customer customer) {
    return api.post("/api/auth/login", null, new JsonObject().put("email", customer.email()).put("password", PASSWORD));
  }
}
