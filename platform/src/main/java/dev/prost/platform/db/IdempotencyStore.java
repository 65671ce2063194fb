package dev.prost.platform.db;

import dev.prost.platform.db.impl.PgIdempotencyStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The inbox: remembers which events each consumer has applied. Recording happens inside
 * the caller's transaction, so the record commits or rolls back with the effect.
 */
public interface IdempotencyStore {

  static IdempotencyStore create() {
    return new PgIdempotencyStore();
  }

  /**
   * Records that {@code consumer} applies {@code eventId}. Answers {@code true} when the
   * event is new, {@code false} when it was already applied (a duplicate to skip).
   * Never fails on a duplicate, so the surrounding transaction stays usable.
   */
  default Future<Boolean> recordIfAbsent(SqlConnection conn, String consumer, UUID eventId) {
    return recordIfAbsent(conn, consumer, eventId, null, null);
  }

  /** As above, also keeping the event's type and correlation id for tracing. */
  Future<Boolean> recordIfAbsent(
      SqlConnection conn, String consumer, UUID eventId, String eventType, UUID correlationId);

  /**
   * Which of {@code eventIds} {@code consumer} has applied, and when: what the inbox would
   * drop if they arrived again (a replay's dry run asks this).
   */
  Future<Map<UUID, OffsetDateTime>> appliedAmong(SqlClient client, String consumer, Collection<UUID> eventIds);

  /** Deletes records older than {@code age}; answers how many. */
  Future<Integer> pruneOlderThan(SqlClient client, Duration age);
}
