package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
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
 * Every operation whose contract asks for a bearer token refuses every forged, altered,
 * expired or malformed one with a 401 problem, straight and through the entry point: catalog and
 * cart verify with the pinned key, orders with users' JWKS, users with its own key.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Security: bad tokens are 401 on every authenticated endpoint")
class TokenRejectionTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static SecurityFixture prost;
  private static ForgedTokens forged;
  private static String genuine;
  private static Baselines baselines;
  private static long products;
  private static long categories;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    String email = Api.email("holder");
    Api.register(prost.client(Target.USERS), email, "the genuine holder's password");
    genuine = Api.login(prost.client(Target.USERS), email, "the genuine holder's password", null);
    forged = new ForgedTokens(prost.keys, genuine);
    baselines = new Baselines(prost, Baselines.World.random());
    products = db.adminScalar("SELECT count(*) FROM catalog_schema.products");
    categories = db.adminScalar("SELECT count(*) FROM catalog_schema.categories");
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @DisplayName("the contracts ask for a token on every operation but registration, login, the JWKS and catalogue reads")
  void authenticatedOperations() {
    assertThat(Contracts.operations().stream().filter(op -> !op.authenticated()).map(ContractOperation::id))
        .containsExactlyInAnyOrder("register", "login", "jwks", "listCategories", "listProducts", "getProduct");
    assertThat(Contracts.authenticated()).hasSize(20);
  }

  @Test
  @DisplayName("the genuine token gets every one of these requests past authentication")
  void genuineTokenAccepted() {
    List<String> refused = new ArrayList<>();
    for (ContractOperation op : Contracts.authenticated()) {
      for (Target target : List.of(op.target(), Target.ENTRY)) {
        HttpResponse<Buffer> response = baselines.of(op).token(genuine).send(prost, target);
        if (response.statusCode() == 401 || response.statusCode() >= 500) {
          refused.add(target.label() + " " + op + ": " + response.statusCode() + " " + Answers.excerpt(response));
        }
      }
    }
    assertThat(refused).isEmpty();
  }

  @TestFactory
  @DisplayName("each forged, altered or malformed Authorization is refused everywhere")
  Stream<DynamicTest> refusedEverywhere() {
    return forged.authorizationHeaders().entrySet().stream()
        .map(forgery -> DynamicTest.dynamicTest(forgery.getKey(), () -> refused(forgery.getValue())));
  }

  private static void refused(String authorization) {
    List<String> violations = new ArrayList<>();
    for (ContractOperation op : Contracts.authenticated()) {
      for (Target target : List.of(op.target(), Target.ENTRY)) {
        Call call = baselines.of(op).token(null);
        if (authorization != null) {
          call.header("Authorization", authorization);
        }
        HttpResponse<Buffer> response = call.send(prost, target);
        String what = target.label() + " " + op.id();
        violations.addAll(Answers.problemViolations(what, response));
        if (response.statusCode() != 401) {
          violations.add(what + ": " + response.statusCode() + " " + Answers.excerpt(response));
        } else if (!"Bearer".equals(response.getHeader("WWW-Authenticate"))) {
          violations.add(what + ": no WWW-Authenticate: Bearer");
        } else if (!response.bodyAsJsonObject().getString("type").equals(Answers.PROBLEM_BASE + "unauthorized")) {
          violations.add(what + ": type " + response.bodyAsJsonObject().getString("type"));
        }
      }
    }
    assertThat(violations).isEmpty();
    // none of the admin writes went through
    assertThat(db.adminScalar("SELECT count(*) FROM catalog_schema.products")).isEqualTo(products);
    assertThat(db.adminScalar("SELECT count(*) FROM catalog_schema.categories")).isEqualTo(categories);
  }
}
