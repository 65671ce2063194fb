package dev.prost.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("ServiceBuilder: one start order, stopped in exact reverse")
class ServiceBuilderTest {

  // the platform's own tables only: the users_schema migrations are not on this module's classpath
  private static final ServiceSchema SCHEMA = ServiceSchema.of("users");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final MessagingConfig messaging = TestNamespace.config();
  private final int port = freePort();

  @AfterEach
  void cleanUp(Vertx vertx) {
    NamespaceCleanup.broker(vertx, messaging, topology());
  }

  @Test
  @DisplayName("migrations, messaging and sweeper come before HTTP; HTTP, sweeper, pool, resources stop in reverse")
  void startAndStopOrder(Vertx vertx) {
    ServiceBuilder service = declared(vertx, port);
    RunningService running = Await.result(service.start());
    assertThat(seen).containsExactly("sweeper started: migrated, http down");
    JsonObject ready = Await.result(WebClient.create(vertx, new WebClientOptions().setDefaultPort(port))
        .get("/health/ready").send()).bodyAsJsonObject();
    assertThat(ready.getJsonObject("checks").getMap()).containsOnly(Map.entry("database", "UP"),
        Map.entry("broker", "UP"));

    Await.result(running.stop());
    assertThat(seen).containsExactly("sweeper started: migrated, http down", "sweeper stopping: http down",
        "sweeper stopped: pool open", "resource closed: pool closed");
  }

  @Test
  @DisplayName("a start that fails at HTTP (port taken) stops the sweeper, closes the pool and the resources")
  void failedStartUndoes(Vertx vertx) throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Throwable failure = Await.failure(declared(vertx, taken.getLocalPort()).start());
      assertThat(failure).hasMessageContaining("cannot listen on port " + taken.getLocalPort());
    }
    // the taken port accepts connections, so the sweeper's HTTP probe says nothing here
    assertThat(seen.stream().map(line -> line.substring(0, line.indexOf(':'))))
        .containsExactly("sweeper started", "sweeper stopping", "sweeper stopped", "resource closed");
    assertThat(seen).endsWith("resource closed: pool closed");
  }

  private ServiceBuilder declared(Vertx vertx, int httpPort) {
    ServiceBuilder service = ServiceBuilder.create(vertx, db.config(), SCHEMA);
    return service
        .messaging(messaging, topology(), Map.of())
        .sweeper(new RecordingSweeper(service.pool(), httpPort))
        .closing(() -> seen.add("resource closed: pool " + (answers(service.pool()) ? "open" : "closed")))
        .http(httpPort, 1, health -> new ServiceRouter.Options("things", "openapi/test.yaml")
            .operation("createThing", RoutingContext::end)
            .operation("listThings", RoutingContext::end)
            .operation("getThing", RoutingContext::end)
            .operation("boom", RoutingContext::end)
            .health(health)
            .metrics(service.registry()));
  }

  private static Topology topology() {
    return Topology.forService(SCHEMA.service()).build();
  }

  private static boolean answers(Pool pool) {
    return pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture().handle((r, e) -> e == null)
        .join();
  }

  private static int freePort() {
    return FreePorts.next();
  }

  /** Records, at its start and stop, whether the schema is migrated, HTTP answers and the pool is open. */
  private final class RecordingSweeper extends VerticleBase {

    private final Pool pool;
    private final int httpPort;

    RecordingSweeper(Pool pool, int httpPort) {
      this.pool = pool;
      this.httpPort = httpPort;
    }

    @Override
    public Future<?> start() {
      return pool.query("SELECT count(*) FROM flyway_schema_history").execute()
          .compose(rows -> http())
          .onSuccess(http -> seen.add("sweeper started: migrated, http " + http));
    }

    @Override
    public Future<?> stop() {
      return http()
          .onSuccess(http -> seen.add("sweeper stopping: http " + http))
          .compose(http -> pool.query("SELECT pg_sleep(0.2)").execute())
          .onSuccess(rows -> seen.add("sweeper stopped: pool open"));
    }

    private Future<String> http() {
      return vertx.createNetClient().connect(httpPort, "127.0.0.1")
          .compose(socket -> socket.close().map("up"))
          .otherwise("down");
    }
  }
}
