package dev.prost.launcher;

import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.tracing.TraceContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the four schemas recorded about one checkout (one correlation id), in time
 * order: each service's outbox rows (written, published; published rows only while
 * {@code PROST_OUTBOX_RETENTION} keeps them), its inbox rows (applied by a consumer), orders'
 * saga journal and compensation log. Read with the admin connection, the
 * one login that may read every schema; an operator tool, so plain blocking JDBC.
 */
final class Trace {

  /** One hop: when, which service, what kind, which event or input, and what it did. */
  record Hop(Instant at, String service, String kind, String event, String detail) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final DatabaseConfig db;

  Trace(DatabaseConfig db) {
    this.db = db;
  }

  /** The hops of {@code correlationId}, oldest first; empty if no schema knows it. */
  List<Hop> hops(UUID correlationId) throws SQLException {
    try (Connection conn = DriverManager.getConnection(db.adminJdbcUrl(db.database()), db.adminUser(),
        db.adminPassword())) {
      StringBuilder sql = new StringBuilder();
      List<String> parts = new ArrayList<>();
      for (Services.Service known : Services.ALL) {
        String service = known.name();
        String schema = known.schema().schema();
        if (exists(conn, schema, "outbox")) {
          // hops of one transaction share its timestamp: ranked applied, saga, compensation,
          // written, then by row id
          parts.add("SELECT created_at, 3, id, '" + service + "', 'written', event_type, 'to ' || exchange || ' / '"
              + " || routing_key FROM " + schema + ".outbox WHERE correlation_id = ?");
          parts.add("SELECT published_at, 4, id, '" + service + "', 'published', event_type, 'confirmed by the broker'"
              + " FROM " + schema + ".outbox WHERE correlation_id = ? AND published_at IS NOT NULL");
        }
        if (exists(conn, schema, "processed_events")) {
          parts.add("SELECT processed_at, 0, 0::bigint, '" + service + "', 'applied', coalesce(event_type, '?'),"
              + " 'by consumer ' || consumer FROM " + schema + ".processed_events WHERE correlation_id = ?");
        }
      }
      if (exists(conn, "orders_schema", "saga_events")) {
        parts.add("SELECT at, 1, id, 'orders', 'saga', input, coalesce(from_state, '-') || ' -> ' || to_state"
            + " || CASE WHEN outcome = 'ignored' THEN ' (ignored)' ELSE '' END"
            + " FROM orders_schema.saga_events WHERE order_id = ?");
      }
      if (exists(conn, "orders_schema", "saga_compensation_log")) {
        parts.add("SELECT at, 2, id, 'orders', 'compensation', action, step || ': ' || outcome"
            + " FROM orders_schema.saga_compensation_log WHERE order_id = ?");
      }
      if (parts.isEmpty()) {
        return List.of();
      }
      sql.append(String.join(" UNION ALL ", parts)).append(" ORDER BY 1, 2, 3");
      try (PreparedStatement statement = conn.prepareStatement(sql.toString())) {
        for (int i = 1; i <= parts.size(); i++) {
          statement.setObject(i, correlationId);
        }
        List<Hop> hops = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            hops.add(new Hop(rows.getTimestamp(1).toInstant(), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7)));
          }
        }
        return hops;
      }
    }
  }

  /**
   * The OpenTelemetry trace ids of {@code correlationId}'s work, from the trace context its
   * outbox rows were written in: one for a checkout traced end to end; none when tracing was off.
   */
  List<String> traceIds(UUID correlationId) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    try (Connection conn = DriverManager.getConnection(db.adminJdbcUrl(db.database()), db.adminUser(),
        db.adminPassword())) {
      for (Services.Service known : Services.ALL) {
        String schema = known.schema().schema();
        if (!hasColumn(conn, schema, "outbox", "trace_context")) {
          continue;
        }
        try (PreparedStatement statement = conn.prepareStatement("SELECT trace_context->>'traceparent' FROM " + schema
            + ".outbox WHERE correlation_id = ? AND trace_context IS NOT NULL ORDER BY id")) {
          statement.setObject(1, correlationId);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              String id = TraceContext.traceId(rows.getString(1));
              if (id != null) {
                ids.add(id);
              }
            }
          }
        }
      }
    }
    return List.copyOf(ids);
  }

  /** The hops as aligned lines: time since the previous hop, wall time (UTC), service, kind, event, detail. */
  static List<String> render(List<Hop> hops) {
    List<String> lines = new ArrayList<>(hops.size());
    Instant previous = hops.isEmpty() ? null : hops.get(0).at();
    for (Hop hop : hops) {
      Duration gap = Duration.between(previous, hop.at());
      lines.add(String.format("%9s  %s  %-8s %-12s %-24s %s", "+" + millis(gap), TIME.format(hop.at()),
          hop.service(), hop.kind(), hop.event(), hop.detail()));
      previous = hop.at();
    }
    return lines;
  }

  private static String millis(Duration gap) {
    return String.format("%.3fs", gap.toNanos() / 1e9);
  }

  private static boolean hasColumn(Connection conn, String schema, String table, String column) throws SQLException {
    try (PreparedStatement statement = conn.prepareStatement("SELECT 1 FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      statement.setString(3, column);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static boolean exists(Connection conn, String schema, String table) throws SQLException {
    try (PreparedStatement statement = conn.prepareStatement(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }
}
