package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("cart_schema migrations")
class CartSchemaTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a user has at most one open cart; a checked-out one does not count; the undo scripts undo every version and they reapply")
  void oneOpenCartAndUndo(Vertx vertx) {
    Migrations migrations = Migrations.create(vertx, db.config(), CartService.SCHEMA);
    Await.result(migrations.migrate());
    Pool pool = ServicePool.create(vertx, db.config(), CartService.SCHEMA);
    try {
      UUID user = UUID.randomUUID();
      String insert = "INSERT INTO carts (id, user_id, status) VALUES (gen_random_uuid(), '" + user + "', '%s')";
      Await.result(pool.query(insert.formatted("CHECKED_OUT")).execute());
      Await.result(pool.query(insert.formatted("CHECKING_OUT")).execute());
      assertThatThrownBy(() -> Await.result(pool.query(insert.formatted("ACTIVE")).execute()))
          .hasMessageContaining("carts_one_open_per_user");

      assertThat(Await.result(migrations.rollback("0.2"))).isNotEmpty();
      assertThat(Await.result(pool.query("SELECT to_regclass('carts') IS NULL").execute())
          .iterator().next().getBoolean(0)).isTrue();
      assertThat(Await.result(migrations.migrate())).isEqualTo("2");
    } finally {
      Await.result(pool.close());
    }
  }
}
