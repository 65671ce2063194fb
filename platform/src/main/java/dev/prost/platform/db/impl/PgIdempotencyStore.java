package dev.prost.platform.db.impl;

import dev.prost.platform.db.IdempotencyStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** {@link IdempotencyStore} on the schema's {@code processed_events} table. */
public final class PgIdempotencyStore implements IdempotencyStore {

  // A unique violation would abort the caller's transaction; ON CONFLICT keeps it alive
  // and the row count tells new from duplicate. A concurrent inserter of the same key
  // blocks here until the first commits (then 0 rows) or rolls back (then 1 row).
  private static final String INSERT = """
      INSERT INTO processed_events (consumer, event_id, event_type, correlation_id)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT DO NOTHING""";

  private static final String APPLIED =
      "SELECT event_id, processed_at FROM processed_events WHERE consumer = $1 AND event_id = ANY($2)";

  private static final String PRUNE =
      "DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => $1)";

  @Override
  public Future<Boolean> recordIfAbsent(
      SqlConnection conn, String consumer, UUID eventId, String eventType, UUID correlationId) {
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(consumer, eventId, eventType, correlationId))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Map<UUID, OffsetDateTime>> appliedAmong(SqlClient client, String consumer,
      Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return client.preparedQuery(APPLIED)
        .execute(Tuple.tuple().addString(consumer).addArrayOfUUID(eventIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, OffsetDateTime> applied = new HashMap<>();
          for (Row row : rows) {
            applied.put(row.getUUID(0), row.getOffsetDateTime(1));
          }
          return applied;
        });
  }

  @Override
  public Future<Integer> pruneOlderThan(SqlClient client, Duration age) {
    return client.preparedQuery(PRUNE)
        .execute(Tuple.of((double) age.toSeconds()))
        .map(rows -> rows.rowCount());
  }
}
