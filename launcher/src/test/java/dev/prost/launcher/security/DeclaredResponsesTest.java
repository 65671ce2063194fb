package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contracts declare every answer the services give: each operation of each document is
 * walked through its success and error paths ({@link ContractProbes}) against the running
 * services, and every status answered must be one the document declares for that operation,
 * with the media type it declares (problem+json for every error), and a 2xx JSON body must
 * match the schema declared for it ({@link DeclaredBodies}). A generated client then never
 * meets an answer it was not told about.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Contracts: every answered status is declared for its operation")
class DeclaredResponsesTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static final String CUSTOMER_PASSWORD = "a customer's good password";
  private static SecurityFixture prost;
  private static Baselines baselines;
  private static Call validLogin;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    JsonObject victim = prost.createProduct("Victim");
    JsonObject bystander = prost.createProduct("Bystander");
    JsonObject cartProduct = prost.createProduct("In every cart");
    String email = Api.email("customer");
    JsonObject customer = Api.register(prost.client(Target.USERS), email, CUSTOMER_PASSWORD);
    baselines = new Baselines(prost, new Baselines.World(UUID.fromString(victim.getString("category_id")),
        UUID.fromString(victim.getString("id")), UUID.fromString(bystander.getString("id")),
        UUID.fromString(cartProduct.getString("id")), UUID.fromString(customer.getString("id"))));
    validLogin = new Call(Contracts.operation("login")).member("email", Json.encode(email))
        .member("password", Json.encode(CUSTOMER_PASSWORD)).header("X-Forwarded-For", Baselines.randomAddress());
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @DisplayName("every operation declares the errors every request can meet")
  void sharedErrorsDeclared() {
    for (ContractOperation op : Contracts.operations()) {
      assertThat(op.responses()).as(op.toString()).containsKeys(400, 413, 414, 431, 503);
      if (op.authenticated()) {
        assertThat(op.responses()).as(op.toString()).containsKey(401);
      }
      if (op.hasJsonBody()) {
        assertThat(op.responses()).as(op.toString()).containsKey(415);
      }
    }
    assertThat(Contracts.platformOperations()).extracting(ContractOperation::path).containsOnly("/health/live",
        "/health/ready", "/metrics", "/openapi.yaml").hasSize(4 * Contracts.SERVICES.size());
  }

  @TestFactory
  @DisplayName("each operation, through its success and error paths")
  Stream<DynamicTest> everyOperation() {
    return Contracts.operations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
      List<String> violations = new ArrayList<>();
      Set<Integer> answered = new TreeSet<>();
      for (ContractProbes.Probe probe : ContractProbes.of(op, baselines, prost, validLogin,
          DeclaredResponsesTest::checkedOut)) {
        Call call = probe.call().get();
        if (op.service().equals("cart") && call.token() != null) {
          holdOneLine(call.token());
        }
        for (int i = 0; i < probe.times(); i++) {
          HttpResponse<Buffer> response = call.send(prost, op.target());
          answered.add(response.statusCode());
          String what = op.id() + " [" + probe.name() + "] " + call.describe();
          violations.addAll(Answers.undeclared(what, op, response));
          violations.addAll(DeclaredBodies.mismatches(what, op, response));
        }
      }
      assertThat(violations).isEmpty();
      // the probes reached the operation's work, not only its guards
      assertThat(answered).as(op + " answered " + answered).anyMatch(status -> status / 100 == 2);
    }));
  }

  @TestFactory
  @DisplayName("/health/live, /health/ready, /metrics and /openapi.yaml of every service")
  Stream<DynamicTest> platformEndpoints() {
    return Contracts.platformOperations().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
      List<String> violations = new ArrayList<>();
      List<Call> calls = List.of(new Call(op), new Call(op).rawQuery("q=%zz"),
          new Call(op).rawQuery(ContractProbes.LONG_QUERY), new Call(op).header("X-Padding", ContractProbes.LARGE_HEADER),
          new Call(op).rawBody("{\"padding\":\"" + "x".repeat(SecurityFixture.BODY_LIMIT) + "\"}", "application/json"));
      for (Call call : calls) {
        HttpResponse<Buffer> response = call.send(prost, op.target());
        violations.addAll(Answers.undeclared(op.id() + " " + call.describe(), op, response));
        violations.addAll(DeclaredBodies.mismatches(op.id() + " " + call.describe(), op, response));
      }
      assertThat(violations).isEmpty();
      assertThat(new Call(op).send(prost, op.target()).statusCode()).isEqualTo(200);
    }));
  }

  /** The id of an order the token's customer placed, once orders holds it. */
  private static String checkedOut(String token) {
    holdOneLine(token);
    String orderId = Api.expect(202, baselines.of(Contracts.operation("checkout")).token(token).send(prost, Target.CART))
        .bodyAsJsonObject().getString("order_id");
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Api.get(prost.client(Target.ORDERS), "/api/orders/" + orderId, token).statusCode() == 200);
    return orderId;
  }

  // so that changing, removing and checking out have a line to act on; a token the cart refuses adds none
  private static void holdOneLine(String token) {
    baselines.of(Contracts.operation("addItem")).token(token).send(prost, Target.CART);
  }
}
