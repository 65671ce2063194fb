package dev.prost.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Migrations")
class MigrationsTest {

  // a schema of the test's own, so its migrations never collide with a real service's
  private static final ServiceSchema SCHEMA = ServiceSchema.of("migtest");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @BeforeAll
  static void createSchema() {
    db.adminExecute("""
        DO $$ BEGIN CREATE ROLE migtest_svc LOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$""");
    db.adminExecute("CREATE SCHEMA migtest_schema AUTHORIZATION migtest_svc");
  }

  @Test
  @DisplayName("migrate, roll back to an earlier version, and migrate again")
  void migrateRollbackMigrate(Vertx vertx) {
    Migrations migrations = Migrations.create(vertx, db.config(), SCHEMA);
    Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
    SchemaInspector inspector = new SchemaInspector(pool, SCHEMA);

    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    assertThat(Await.result(inspector.tables()))
        .contains("outbox", "processed_events", "dlq_audit", "widgets", "gadgets", "sprockets");

    assertThat(Await.result(migrations.rollback("1"))).containsExactly("3", "2");
    assertThat(Await.result(inspector.tables()))
        .contains("outbox", "processed_events", "widgets")
        .doesNotContain("gadgets", "sprockets");
    assertThat(Await.result(inspector.currentVersion())).isEqualTo("1");
    Await.result(migrations.validate());

    assertThat(Await.result(migrations.info()))
        .filteredOn(info -> info.version().equals("2"))
        .singleElement()
        .satisfies(info -> assertThat(info.state()).isEqualTo("Pending"));

    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    assertThat(Await.result(inspector.tables())).contains("gadgets", "sprockets");
    Await.result(pool.query("INSERT INTO widgets (name, colour) VALUES ('w', 'red')").execute());
    Await.result(pool.close());
  }

  @Test
  @DisplayName("rolling back below the platform tables removes the outbox and inbox too")
  void rollbackEverything(Vertx vertx) {
    Migrations migrations = Migrations.create(vertx, db.config(), SCHEMA);
    Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
    SchemaInspector inspector = new SchemaInspector(pool, SCHEMA);
    Await.result(migrations.migrate());

    assertThat(Await.result(migrations.rollback("0"))).containsExactly("3", "2", "1", "0.5", "0.4", "0.3", "0.2", "0.1");
    assertThat(Await.result(inspector.tables())).containsExactly("flyway_schema_history");

    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    Await.result(pool.close());
  }

  @Test
  @DisplayName("a platform migration newer than the schema's own V1+ is applied out of order, and undone first")
  void platformMigrationAddedLater(Vertx vertx) {
    Migrations migrations = Migrations.create(vertx, db.config(), SCHEMA);
    Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
    SchemaInspector inspector = new SchemaInspector(pool, SCHEMA);
    Await.result(migrations.migrate());
    // the schema as a build without V0_3 left it: V1..V3 applied, no dlq_audit
    Await.result(pool.query("DROP TABLE dlq_audit").execute());
    Await.result(pool.query("DELETE FROM flyway_schema_history WHERE version = '0.3'").execute());
    assertThat(Await.result(migrations.info()))
        .filteredOn(info -> info.version().equals("0.3"))
        .singleElement()
        .satisfies(info -> assertThat(info.state()).isEqualTo("Pending"));
    Await.result(migrations.validate());

    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    assertThat(Await.result(inspector.tables())).contains("dlq_audit", "sprockets");
    assertThat(Await.result(migrations.info()))
        .filteredOn(info -> info.version().equals("0.3"))
        .singleElement()
        .satisfies(info -> assertThat(info.state()).isEqualTo("Out of Order"));
    Await.result(migrations.validate());

    // rolling back past it undoes the latest applied first: 0.3, then the schema's own
    assertThat(Await.result(migrations.rollback("0.2"))).containsExactly("0.3", "3", "2", "1", "0.5", "0.4");
    assertThat(Await.result(inspector.tables())).contains("outbox", "processed_events")
        .doesNotContain("dlq_audit", "widgets");
    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    assertThat(Await.result(migrations.info())).allSatisfy(info -> assertThat(info.state()).isEqualTo("Success"));
    Await.result(pool.close());
  }

  @Test
  @DisplayName("the schema's own version is reported, and migrate is a no-op when up to date")
  void idempotentMigrate(Vertx vertx) {
    Migrations migrations = Migrations.create(vertx, db.config(), SCHEMA);
    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    assertThat(Await.result(migrations.migrate())).isEqualTo("3");
    assertThat(Await.result(migrations.info())).allSatisfy(info -> assertThat(info.state()).isEqualTo("Success"));
  }
}
