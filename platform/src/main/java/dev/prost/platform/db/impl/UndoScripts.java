package dev.prost.platform.db.impl;

import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.db.ServiceSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Rollback for Flyway Community, which ignores {@code U} scripts: finds the applied
 * versions newer than the target, runs their undo scripts newest first and deletes their
 * history rows, in one transaction (PostgreSQL DDL is transactional, so a failing undo
 * leaves the schema exactly as it was). Blocking JDBC; runs on a worker thread.
 */
final class UndoScripts {

  private final DatabaseConfig config;
  private final ServiceSchema schema;
  private final String historyTable;

  UndoScripts(DatabaseConfig config, ServiceSchema schema, String historyTable) {
    this.config = config;
    this.schema = schema;
    this.historyTable = schema.schema() + "." + historyTable;
  }

  List<String> rollback(String toVersion) throws SQLException, IOException {
    MigrationVersion target = MigrationVersion.fromVersion(toVersion);
    try (Connection conn = DriverManager.getConnection(config.jdbcUrl(), schema.role(), config.password())) {
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        st.execute("SET LOCAL search_path TO " + schema.schema());
        st.execute("LOCK TABLE " + historyTable + " IN EXCLUSIVE MODE");
      }
      Map<String, String> newerScripts = appliedNewerThan(conn, target);
      // resolve every undo script before touching anything: a missing one aborts the rollback
      Map<String, String> undo = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : newerScripts.entrySet()) {
        undo.put(entry.getKey(), undoScriptFor(entry.getKey(), entry.getValue()));
      }
      try {
        for (Map.Entry<String, String> entry : undo.entrySet()) {
          try (Statement st = conn.createStatement()) {
            st.execute(entry.getValue());
          }
          try (PreparedStatement del = conn.prepareStatement(
              "DELETE FROM " + historyTable + " WHERE version = ?")) {
            del.setString(1, entry.getKey());
            del.executeUpdate();
          }
        }
        conn.commit();
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      }
      return new ArrayList<>(undo.keySet());
    }
  }

  /**
   * Applied versioned migrations newer than {@code target}, most recently applied first:
   * version → script. Undo runs in reverse order of application, not of version: a platform
   * migration applied out of order (after the service's own) is undone before them.
   */
  private Map<String, String> appliedNewerThan(Connection conn, MigrationVersion target) throws SQLException {
    Map<String, String> ordered = new LinkedHashMap<>();
    try (Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("SELECT version, script FROM " + historyTable
             + " WHERE version IS NOT NULL AND success ORDER BY installed_rank DESC")) {
      while (rs.next()) {
        MigrationVersion version = MigrationVersion.fromVersion(rs.getString(1));
        if (version.isNewerThan(target)) {
          ordered.put(version.getVersion(), rs.getString(2));
        }
      }
    }
    return ordered;
  }

  private String undoScriptFor(String version, String script) throws IOException {
    if (!script.startsWith("V")) {
      throw new IllegalStateException("migration " + version + " (" + script + ") is not a V script; cannot undo it");
    }
    String undoName = "U" + script.substring(1);
    for (String location : schema.migrationLocations()) {
      String path = location.substring("classpath:".length()) + "/" + undoName;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
        if (in != null) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new IllegalStateException("no undo script " + undoName + " for migration " + version
        + " in " + String.join(", ", schema.migrationLocations()));
  }
}
