package dev.prost.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates the database, the four service roles and their schemas through the admin
 * connection. Idempotent. Blocking (JDBC): call it from {@code executeBlocking} or from a
 * command-line tool, never from an event loop. {@code scripts/dev-services} runs the same
 * {@code db/bootstrap.sql} with psql.
 */
public final class DatabaseBootstrap {

  private static final String SCRIPT = "db/bootstrap.sql";

  private final DatabaseConfig config;

  public DatabaseBootstrap(DatabaseConfig config) {
    this.config = config;
  }

  /** Creates {@code config.database()} if absent, then the roles and schemas inside it. */
  public void ensureDatabase() throws SQLException {
    try (Connection admin = connect("postgres")) {
      if (!exists(admin, config.database())) {
        try (Statement st = admin.createStatement()) {
          st.execute("CREATE DATABASE " + quote(config.database()));
        } catch (SQLException e) {
          // duplicate_database: a concurrent bootstrap won the race, which is what we wanted
          if (!"42P04".equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    }
    try (Connection target = connect(config.database()); Statement st = target.createStatement()) {
      st.execute(script());
    }
  }

  /** Drops {@code config.database()}, disconnecting whoever is still using it. */
  public void dropDatabase() throws SQLException {
    try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + quote(config.database()) + " WITH (FORCE)");
    }
  }

  private Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", config.adminUser());
    if (config.adminPassword() != null) {
      props.setProperty("password", config.adminPassword());
    }
    props.setProperty("options", "-c client_min_messages=warning");
    return DriverManager.getConnection(config.adminJdbcUrl(database), props);
  }

  private static boolean exists(Connection admin, String database) throws SQLException {
    try (PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String script() {
    try (InputStream in = DatabaseBootstrap.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
