package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Product and category writes and the ops endpoint are an admin's: a customer gets 403 and changes nothing. */
@ExtendWith(VertxExtension.class)
@DisplayName("Security: admin endpoints refuse customers")
class AdminOnlyTest {

  static final List<String> ADMIN_OPERATIONS = List.of("createCategory", "createProduct", "updateProduct",
      "deleteProduct", "setStock", "listSagas", "shipOrder", "deliverOrder", "refundOrder");

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static SecurityFixture prost;
  private static Baselines baselines;
  private static JsonObject product;
  private static String customer;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    product = prost.createProduct("Admin's product");
    UUID id = UUID.fromString(product.getString("id"));
    baselines = new Baselines(prost, new Baselines.World(UUID.fromString(product.getString("category_id")), id, id, id,
        UUID.randomUUID()));
    String email = Api.email("customer");
    Api.register(prost.client(Target.USERS), email, "a customer's password");
    customer = Api.login(prost.client(Target.USERS), email, "a customer's password", null);
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @DisplayName("a customer's token from users is 403 on every admin operation, straight and through the entry point")
  void customerForbidden() {
    assertForbidden(customer);
  }

  @Test
  @DisplayName("a valid token whose roles only look like admin, or that has none, is 403 too")
  void nearMissRoles() {
    for (Set<String> roles : List.of(Set.<String>of(), Set.of("Admin"), Set.of("ADMIN"), Set.of("admin "),
        Set.of("customer,admin"), Set.of("administrator"))) {
      assertForbidden(prost.tokenFor(UUID.randomUUID(), roles));
    }
  }

  @Test
  @DisplayName("the cart is a customer's: a token without the customer role is 403 there")
  void cartNeedsCustomerRole() {
    String noRoles = prost.tokenFor(UUID.randomUUID(), Set.of());
    List<String> violations = new ArrayList<>();
    for (ContractOperation op : Contracts.operations()) {
      if (op.service().equals("cart")) {
        check(violations, op, baselines.of(op).token(noRoles).send(prost, Target.CART), Target.CART);
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  @DisplayName("the same requests with the admin's token are not refused")
  void adminAllowed() {
    HttpResponse<Buffer> sagas = baselines.of(Contracts.operation("listSagas")).send(prost, Target.ENTRY);
    assertThat(sagas.statusCode()).as(sagas.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> category = baselines.of(Contracts.operation("createCategory")).send(prost, Target.ENTRY);
    assertThat(category.statusCode()).as(category.bodyAsString()).isEqualTo(201);
  }

  private static void assertForbidden(String token) {
    long categories = db.adminScalar("SELECT count(*) FROM catalog_schema.categories");
    long products = db.adminScalar("SELECT count(*) FROM catalog_schema.products");
    List<String> violations = new ArrayList<>();
    for (String id : ADMIN_OPERATIONS) {
      ContractOperation op = Contracts.operation(id);
      for (Target target : List.of(op.target(), Target.ENTRY)) {
        check(violations, op, baselines.of(op).token(token).send(prost, target), target);
      }
    }
    assertThat(violations).isEmpty();
    assertThat(db.adminScalar("SELECT count(*) FROM catalog_schema.categories")).isEqualTo(categories);
    assertThat(db.adminScalar("SELECT count(*) FROM catalog_schema.products")).isEqualTo(products);
    assertThat(Api.get(prost.client(Target.CATALOG), "/api/products/" + product.getString("id"), null)
        .bodyAsJsonObject()).isEqualTo(product);
  }

  private static void check(List<String> violations, ContractOperation op, HttpResponse<Buffer> response,
      Target target) {
    String what = target.label() + " " + op.id();
    violations.addAll(Answers.problemViolations(what, response));
    if (response.statusCode() != 403) {
      violations.add(what + ": " + response.statusCode() + " " + Answers.excerpt(response));
    } else if (!response.bodyAsJsonObject().getString("type").equals(Answers.PROBLEM_BASE + "forbidden")) {
      violations.add(what + ": type " + response.bodyAsJsonObject().getString("type"));
    }
  }
}
