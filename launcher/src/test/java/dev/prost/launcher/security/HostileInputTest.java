package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input in every field of every operation of the four contracts: the answer is a 4xx
 * problem (or, for a value that is merely odd, the operation's documented 2xx), never a 5xx,
 * never a trace of the code behind it; and nothing but what was accepted changed.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Security: hostile input in every field, parameter and body")
class HostileInputTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static final String CUSTOMER_PASSWORD = "a customer's good password";
  private static final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
  private static final ExecutorService senders = Executors.newFixedThreadPool(4);
  private static SecurityFixture prost;
  private static Baselines baselines;
  private static JsonObject bystander;
  private static String customerEmail;
  private static long tables;
  private static long users;
  private static long products;
  private static long categories;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    JsonObject victim = prost.createProduct("Victim");
    bystander = prost.createProduct("Bystander");
    JsonObject cartProduct = prost.createProduct("In every cart");
    customerEmail = Api.email("customer");
    JsonObject customer = Api.register(prost.client(Target.USERS), customerEmail, CUSTOMER_PASSWORD);
    baselines = new Baselines(prost, new Baselines.World(UUID.fromString(victim.getString("category_id")),
        UUID.fromString(victim.getString("id")), UUID.fromString(bystander.getString("id")),
        UUID.fromString(cartProduct.getString("id")), UUID.fromString(customer.getString("id"))));
    tables = db.adminScalar("SELECT count(*) FROM pg_tables WHERE schemaname LIKE '%\\_schema'");
    users = db.adminScalar("SELECT count(*) FROM users_schema.users");
    products = db.adminScalar("SELECT count(*) FROM catalog_schema.products");
    categories = db.adminScalar("SELECT count(*) FROM catalog_schema.categories");
  }

  @AfterAll
  static void stop() {
    senders.shutdownNow();
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @Order(0)
  @DisplayName("every operation of every contract has a valid baseline and hostile cases")
  void everyOperationCovered() {
    assertThat(Contracts.operations()).extracting(ContractOperation::id).hasSize(26).doesNotHaveDuplicates();
    for (ContractOperation op : Contracts.operations()) {
      assertThat(baselines.of(op)).as(op.toString()).isNotNull();
      assertThat(HostileCases.of(op, baselines)).as(op.toString()).isNotEmpty();
    }
  }

  @TestFactory
  @Order(1)
  @DisplayName("every body member, path, query and header parameter")
  Stream<DynamicTest> everyFieldAndParameter() {
    return Contracts.operations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () ->
        assertThat(runAll(op, HostileCases.of(op, baselines), List.of(op.target()))).isEmpty()));
  }

  @TestFactory
  @Order(2)
  @DisplayName("malformed, non-object and mislabelled bodies, straight and through the entry point")
  Stream<DynamicTest> wholeBodies() {
    return Contracts.withJsonBody().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () ->
        assertThat(runAll(op, HostileCases.wholeBodies(op, baselines), List.of(op.target(), Target.ENTRY)))
            .isEmpty()));
  }

  @Test
  @Order(3)
  @DisplayName("odd paths, an over-long request line and over-large headers are 4xx problems everywhere")
  void oddRequests() {
    List<String> violations = new ArrayList<>();
    List<String> paths = List.of("/api/cart/../users/me", "/api/%2e%2e/users/me", "/api//cart", "/api/cart%00",
        "/api/products/..%2F..%2Fopenapi.yaml", "/%2F%2Fapi/orders", "/api/orders/%ZZ", "/api/products?q=%",
        "/api/products?q=" + "x".repeat(10_000), "/" + "a".repeat(5_000));
    for (Target target : Target.values()) {
      for (String path : paths) {
        violations.addAll(oddRequest(target, path, Api.get(prost.client(target), path, null)));
      }
      HttpResponse<Buffer> headers = Await.result(prost.client(target).get("/api/products")
          .putHeader("X-Padding", "x".repeat(10_000)).send());
      violations.addAll(oddRequest(target, "headers of 10 KiB", headers));
    }
    assertThat(violations).isEmpty();
  }

  private static List<String> oddRequest(Target target, String what, HttpResponse<Buffer> response) {
    String label = target.label() + " " + (what.length() > 60 ? what.substring(0, 60) + "…" : what);
    List<String> found = new ArrayList<>(Answers.problemViolations(label, response));
    if (response.statusCode() < 400 || response.statusCode() >= 500) {
      found.add(label + ": " + response.statusCode() + " " + Answers.excerpt(response));
    }
    return found;
  }

  @Test
  @Order(4)
  @DisplayName("afterwards every table is there, only accepted requests added rows, and no saga or event is stuck")
  void dataIntact() {
    assertThat(db.adminScalar("SELECT count(*) FROM pg_tables WHERE schemaname LIKE '%\\_schema'")).isEqualTo(tables);
    assertThat(db.adminScalar("SELECT count(*) FROM users_schema.users")).isEqualTo(users + count("register"));
    assertThat(db.adminScalar("SELECT count(*) FROM catalog_schema.products")).isEqualTo(products + count("createProduct"));
    assertThat(db.adminScalar("SELECT count(*) FROM catalog_schema.categories"))
        .isEqualTo(categories + count("createCategory"));
    assertThat(Api.expect(200, Api.get(prost.client(Target.CATALOG), "/api/products/" + bystander.getString("id"), null))
        .bodyAsJsonObject()).isEqualTo(bystander);
    // nobody's password was changed: both log in as before
    Api.login(prost.client(Target.USERS), SecurityFixture.ADMIN_EMAIL, SecurityFixture.ADMIN_PASSWORD, null);
    Api.login(prost.client(Target.USERS), customerEmail, CUSTOMER_PASSWORD, null);
    // checkouts accepted with odd payment tokens ran to the end, none poisoned a consumer
    await().atMost(Duration.ofSeconds(60)).until(() -> db.adminScalar(
        "SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED'") == 0);
    assertThat(db.adminScalar("SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN ('CONFIRMED', 'FAILED')"))
        .isZero();
    assertThat(db.adminScalar("SELECT count(*) FROM cart_schema.saga_state")).isEqualTo(count("checkout"));
    assertThat(prost.deadLettered()).isZero();
  }

  /**
   * Every case against every target, a few at a time: the cases are independent (each has its
   * own customer, SKU, e-mail), and most of the time goes into waiting for the database.
   */
  private static List<String> runAll(ContractOperation op, List<HostileCases.Case> cases, List<Target> targets)
      throws InterruptedException, ExecutionException {
    List<Callable<List<String>>> runs = new ArrayList<>();
    for (HostileCases.Case hostile : cases) {
      for (Target target : targets) {
        runs.add(() -> run(op, hostile, target));
      }
    }
    List<String> violations = new ArrayList<>();
    for (Future<List<String>> done : senders.invokeAll(runs)) {
      violations.addAll(done.get());
    }
    return violations;
  }

  private static List<String> run(ContractOperation op, HostileCases.Case hostile, Target target) {
    Call call = hostile.call().get();
    if (op.service().equals("cart")) {
      holdOneLine(call.token());
    }
    HttpResponse<Buffer> response = call.send(prost, target);
    if (response.statusCode() / 100 == 2) {
      accepted.computeIfAbsent(op.id(), id -> new AtomicInteger()).incrementAndGet();
    }
    return Answers.violations(target.label() + " " + op.id() + " [" + hostile.name() + "] " + call.describe(), op,
        response);
  }

  // so that changing, removing and checking out have a line to act on
  private static void holdOneLine(String token) {
    Call add = baselines.of(Contracts.operation("addItem")).token(token);
    Api.expect(200, add.send(prost, Target.CART));
  }

  private static int count(String operationId) {
    AtomicInteger n = accepted.get(operationId);
    return n == null ? 0 : n.get();
  }
}
