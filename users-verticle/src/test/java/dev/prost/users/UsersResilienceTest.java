package dev.prost.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.PrivateRedis;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Users service: Redis outage and admin bootstrap")
class UsersResilienceTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("with its Redis stopped, login still works: throttling fails open and is counted")
  void loginWithoutRedis(Vertx vertx) throws Exception {
    UsersFixture users = null;
    // a Redis of the test's own, so stopping it touches nothing else on the machine
    PrivateRedis redis = PrivateRedis.start();
    try {
      users = new UsersFixture(vertx, db, Map.of("PROST_REDIS_URL", redis.url().toString())).start();
      assertThat(users.register("offline@example.com", "correct horse battery", "Off Line").statusCode()).isEqualTo(201);
      assertThat(users.login("offline@example.com", "wrong password!!").statusCode()).isEqualTo(401);
      assertThat(users.get("/health/ready", null).statusCode()).isEqualTo(200);

      redis.stop();

      assertThat(users.login("offline@example.com", "wrong password!!").statusCode()).isEqualTo(401);
      assertThat(users.login("offline@example.com", "correct horse battery").statusCode()).isEqualTo(200);
      assertThat(users.get("/metrics", null).bodyAsString()).contains("prost_login_throttle_unavailable_total");
      assertThat(users.get("/health/ready", null).statusCode()).isEqualTo(503);
    } finally {
      if (users != null) {
        users.stop();
      }
      redis.close();
    }
  }

  @Test
  @DisplayName("admin bootstrap creates the admin once; starting again changes nothing")
  void adminBootstrapIdempotent(Vertx vertx) {
    Map<String, String> admin = Map.of("PROST_ADMIN_EMAIL", "Root@Example.com", "PROST_ADMIN_PASSWORD", "a very long admin secret");
    for (int i = 0; i < 2; i++) {
      UsersFixture users = new UsersFixture(vertx, db, admin).start();
      users.stop();
    }
    UsersFixture users = new UsersFixture(vertx, db, admin).start();
    try {
      String token = users.login("root@example.com", "a very long admin secret").bodyAsJsonObject().getString("access_token");
      assertThat(users.get("/api/users/me", token).bodyAsJsonObject().getJsonArray("roles").getList())
          .containsExactlyInAnyOrder("admin", "customer");
      Pool pool = ServicePool.create(vertx, db.config(), ServiceSchema.of("users"));
      long admins = Await.result(pool.query("SELECT count(*) FROM users WHERE lower(email) = 'root@example.com'").execute())
          .iterator().next().getLong(0);
      assertThat(admins).isEqualTo(1);
    } finally {
      users.stop();
    }
  }
}
