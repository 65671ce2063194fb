package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.cart.CartTopology;
import dev.prost.catalog.CatalogTopology;
import dev.prost.orders.OrdersTopology;
import dev.prost.orders.testing.SagaInvariants;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catalog, cart and orders running together against one database and broker, driven only
 * through their HTTP APIs: 100 customers check out at once over 10 products with far less
 * stock than they want, and every invariant of DESIGN.md §6 must hold once the sagas ended.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("End to end: 100 concurrent checkouts over 10 products with limited stock")
class CheckoutEndToEndTest {

  private static final int PRODUCTS = 10;
  private static final int STOCK = 6;
  private static final int CUSTOMERS = 100;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static InProcessProst prost;
  private static WebClient catalog;
  private static WebClient cart;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = new InProcessProst(vertx, db, Map.of(
        "PROST_RETRY_BASE_DELAY", "50ms",
        "PROST_RELAY_POLL_INTERVAL", "200ms",
        // published rows kept: SagaInvariants matches them against every consumer's inbox
        "PROST_OUTBOX_RETENTION", "1h",
        "PROST_PAYMENT_LATENCY", "5ms"));
    prost.start("orders", "catalog", "cart");
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(32);
    catalog = prost.client("catalog", pool);
    cart = prost.client("cart", pool);
  }

  @AfterAll
  static void stop() {
    prost.stop();
  }

  @Test
  void everySagaEndsAndNoInvariantBreaks(Vertx vertx) {
    List<UUID> products = CheckoutSteps.createProducts(prost, catalog, PRODUCTS, STOCK);
    await().atMost(PATIENCE).until(() -> db.adminScalar("SELECT count(*) FROM cart_schema.product_view") == PRODUCTS);

    Random random = new Random(42);
    List<UUID> customers = new ArrayList<>();
    List<Future<?>> filled = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      UUID customer = UUID.randomUUID();
      customers.add(customer);
      filled.add(CheckoutSteps.fillCart(cart, token(customer), CheckoutSteps.pick(random, products, 3)));
    }
    Await.result(Future.all(filled));

    // everyone checks out at once; every tenth card is declined
    List<Future<HttpResponse<Buffer>>> checkouts = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      checkouts.add(cart.post("/api/cart/checkout").putHeader("Authorization", "Bearer " + token(customers.get(i)))
          .sendJsonObject(new JsonObject().put("payment_token", i % 10 == 0 ? "tok_decline" : "tok_visa")));
    }
    Await.result(Future.all(checkouts));
    for (Future<HttpResponse<Buffer>> checkout : checkouts) {
      assertThat(checkout.result().statusCode()).as(checkout.result().bodyAsString()).isEqualTo(202);
    }

    // every saga terminal, on both sides, and nothing left held
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM orders_schema.saga_state WHERE state IN ('CONFIRMED', 'FAILED')")
            == CUSTOMERS);
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED'") == 0);
    await().atMost(PATIENCE).until(() ->
        db.adminScalar("SELECT count(*) FROM catalog_schema.inventory_reservations WHERE status = 'RESERVED'") == 0);
    // a relay stamps a row published after its consumer may already have applied it
    await().atMost(PATIENCE).until(() -> db.adminScalar("""
        SELECT (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
             + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)""") == 0);

    long confirmed = db.adminScalar("SELECT count(*) FROM orders_schema.orders WHERE status = 'CONFIRMED'");
    long failed = db.adminScalar("SELECT count(*) FROM orders_schema.orders WHERE status = 'FAILED'");
    assertThat(confirmed + failed).isEqualTo(CUSTOMERS);
    assertThat(confirmed).as("some checkouts fit the stock").isPositive();
    assertThat(failed).as("the stock cannot serve everyone").isGreaterThanOrEqualTo(CUSTOMERS / 10);

    // every invariant of DESIGN.md §6, with units on hand = stock at start - units confirmed
    SagaInvariants.of(db::adminScalar)
        .withInitialStock(products.stream().collect(Collectors.toMap(id -> id, id -> STOCK)))
        .withTopologies(List.of(OrdersTopology.TOPOLOGY, CatalogTopology.TOPOLOGY, CartTopology.TOPOLOGY))
        .assertHold();
    // nothing dead-lettered anywhere
    assertThat(prost.deadLettered()).isZero();
  }

  private static String token(UUID customer) {
    return prost.token(customer, Set.of("customer"));
  }
}
