package dev.prost.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Waiting for the database at start")
class DatabaseReadinessTest {

  @Test
  @DisplayName("an unreachable database is retried for the startup timeout, then fails naming what it could not reach")
  void unreachable(Vertx vertx) throws Exception {
    int closedPort = FreePorts.next();
    DatabaseConfig config = DatabaseConfig.from(Env.of(Map.of(
        "PROST_DB_URL", "postgresql://127.0.0.1:" + closedPort + "/prost",
        "PROST_DB_STARTUP_TIMEOUT", "1500ms")), "catalog");
    ServiceSchema schema = ServiceSchema.of("catalog");
    Pool pool = ServicePool.create(vertx, config, schema);

    Throwable failure = Await.failure(DatabaseReadiness.await(vertx, pool, config, schema));

    assertThat(failure.getMessage())
        .contains("could not reach PostgreSQL at 127.0.0.1:" + closedPort + "/prost")
        .contains("catalog_svc")
        .contains("within 1500 ms");
  }

  @Test
  @DisplayName("a reachable database is ready at once")
  void reachable(Vertx vertx) {
    try (TestDatabase db = TestDatabase.create()) {
      ServiceSchema schema = ServiceSchema.of("orders");
      Pool pool = ServicePool.create(vertx, db.config(), schema);
      Await.result(DatabaseReadiness.await(vertx, pool, db.config(), schema));
      Await.result(pool.close());
    }
  }
}
