package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Building a service router")
class ServiceRouterSetupTest {

  @Test
  @DisplayName("fails at start when a contract operation has no handlers")
  void missingHandler(Vertx vertx) {
    ServiceRouter.Options options = new ServiceRouter.Options("things", ThingsService.CONTRACT)
        .operation("createThing", RoutingContext::end)
        .operation("listThings", RoutingContext::end);
    assertThat(Await.failure(ServiceRouter.create(vertx, options)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("operations without handlers [boom, getThing]");
  }

  @Test
  @DisplayName("fails at start when a handler names an operation the contract does not have")
  void unknownOperation(Vertx vertx) {
    ServiceRouter.Options options = ThingsService.options(null, HealthChecks.none())
        .operation("deleteThing", RoutingContext::end);
    assertThat(Await.failure(ServiceRouter.create(vertx, options)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not in the contract [deleteThing]");
  }

  @Test
  @DisplayName("fails at start on a contract whose server has a base path")
  void basePath(Vertx vertx) {
    ServiceRouter.Options options = new ServiceRouter.Options("things", "openapi/bad-servers.yaml")
        .operation("ping", RoutingContext::end);
    assertThat(Await.failure(ServiceRouter.create(vertx, options))).hasMessageContaining("base path");
  }

  @Test
  @DisplayName("takes a contract documenting problem+json answers and the platform's own endpoints, without handlers for those")
  void platformEndpointsDocumented(Vertx vertx) {
    ServiceRouter.Options options = new ServiceRouter.Options("things", "openapi/platform-documented.yaml")
        .operation("ping", RoutingContext::end);
    assertThat(Await.result(ServiceRouter.create(vertx, options))).isNotNull();
  }

  @Test
  @DisplayName("fails at start when the contract is missing")
  void missingContract(Vertx vertx) {
    ServiceRouter.Options options = new ServiceRouter.Options("things", "openapi/nope.yaml");
    assertThat(Await.failure(ServiceRouter.create(vertx, options))).isNotNull();
  }
}
