package dev.prost.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Schema isolation between services")
class RoleIsolationTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("connected as catalog_svc, reading orders_schema is permission denied")
  void catalogCannotReadOrders(Vertx vertx) {
    ServiceSchema orders = ServiceSchema.of("orders");
    Await.result(Migrations.create(vertx, db.config(), orders).migrate());

    Pool catalogPool = ServicePool.create(vertx, db.config(), ServiceSchema.of("catalog"));
    Throwable failure = Await.failure(catalogPool.query("SELECT * FROM orders_schema.outbox").execute());

    assertThat(failure).isInstanceOf(PgException.class);
    assertThat(((PgException) failure).getSqlState()).isEqualTo("42501");
    assertThat(failure.getMessage()).contains("permission denied");
    Await.result(catalogPool.close());
  }

  @Test
  @DisplayName("a service's pool resolves unqualified names in its own schema")
  void searchPathIsTheServiceSchema(Vertx vertx) {
    Pool pool = ServicePool.create(vertx, db.config(), ServiceSchema.of("cart"));
    String schema = Await.result(pool.query("SELECT current_schema()").execute()).iterator().next().getString(0);
    String user = Await.result(pool.query("SELECT current_user").execute()).iterator().next().getString(0);
    assertThat(schema).isEqualTo("cart_schema");
    assertThat(user).isEqualTo("cart_svc");
    Await.result(pool.close());
  }

  @Test
  @DisplayName("bootstrap is idempotent: running it again changes nothing")
  void bootstrapTwice() throws Exception {
    new DatabaseBootstrap(db.config()).ensureDatabase();
    new DatabaseBootstrap(db.config()).ensureDatabase();
  }
}
