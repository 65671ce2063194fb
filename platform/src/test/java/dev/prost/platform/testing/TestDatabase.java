package dev.prost.platform.testing;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseBootstrap;
import dev.prost.platform.db.DatabaseConfig;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away database with the Prost roles and schemas, for one test class. Created from
 * the same environment variables as a real service (so CI can point tests elsewhere) and
 * dropped, with every connection to it, on {@link #close()}. As a JUnit extension
 * ({@code @RegisterExtension static final TestDatabase db = TestDatabase.perClass();}) it
 * is created before the class's first test and dropped after its last.
 */
public final class TestDatabase implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  private DatabaseConfig config;

  private TestDatabase(DatabaseConfig config) {
    this.config = config;
  }

  /** A database made before the test class runs and dropped after it. */
  public static TestDatabase perClass() {
    return new TestDatabase(null);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    config = create().config;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public static TestDatabase create() {
    String name = "prost_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DatabaseConfig config = DatabaseConfig.from(Env.system(), "test").withDatabase(name.toLowerCase(Locale.ROOT));
    try {
      new DatabaseBootstrap(config).ensureDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return new TestDatabase(config);
  }

  public DatabaseConfig config() {
    return config;
  }

  public String name() {
    return config.database();
  }

  /** Runs one statement as the admin (superuser) in this database. */
  public void adminExecute(String sql) {
    try (var conn = java.sql.DriverManager.getConnection(
            config.adminJdbcUrl(config.database()), config.adminUser(), config.adminPassword());
         var st = conn.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query run as the admin, which may read every schema. */
  public long adminScalar(String sql) {
    try (var conn = java.sql.DriverManager.getConnection(
            config.adminJdbcUrl(config.database()), config.adminUser(), config.adminPassword());
         var st = conn.createStatement();
         var rows = st.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      new DatabaseBootstrap(config).dropDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name() + ": " + e.getMessage(), e);
    }
  }
}
