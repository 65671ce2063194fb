package dev.prost.launcher.faults;

import dev.prost.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queries as the admin across every schema, answering rows of text (for what a count cannot say). */
final class AdminSql {

  private AdminSql() {}

  /** Each row as column name → value as text (null for SQL NULL), in the query's order. */
  static List<Map<String, String>> rows(TestDatabase db, String sql) {
    try (Connection conn = DriverManager.getConnection(db.config().adminJdbcUrl(db.name()), db.config().adminUser(),
        db.config().adminPassword()); Statement st = conn.createStatement(); ResultSet rows = st.executeQuery(sql)) {
      List<Map<String, String>> result = new ArrayList<>();
      while (rows.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          row.put(rows.getMetaData().getColumnLabel(i), rows.getString(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
