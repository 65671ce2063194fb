package dev.prost.platform.messaging.deadletter.impl;

import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterAudit;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Settlement;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** {@link DeadLetterAudit} on the schema's {@code dlq_audit} table. */
public final class PgDeadLetterAudit implements DeadLetterAudit {

  private static final String INSERT = """
      INSERT INTO dlq_audit (action, queue, event_id, event_type, correlation_id, reason, operator, outcome)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  private static final String UNDEFINED_TABLE = "42P01";

  private final Pool pool;

  public PgDeadLetterAudit(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> ready() {
    return pool.query("SELECT 1 FROM dlq_audit LIMIT 0").execute()
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(e instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState())
            ? new IllegalStateException("there is no dlq_audit table: run prost migrate", e)
            : e));
  }

  @Override
  public Future<Void> record(Action action, String queue, String operator, List<Settlement> settled) {
    if (settled.isEmpty()) {
      return Future.succeededFuture();
    }
    String name = action.name().toLowerCase(Locale.ROOT);
    List<Tuple> rows = settled.stream().map(s -> row(name, queue, operator, s)).toList();
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)).mapEmpty();
  }

  private static Tuple row(String action, String queue, String operator, Settlement settlement) {
    DeadLetter letter = settlement.letter();
    return Tuple.of(
        action,
        queue,
        letter.eventId().orElse(null),
        letter.eventType().orElse(null),
        letter.correlationId().map(PgDeadLetterAudit::uuid).orElse(null),
        letter.reason().orElse(null),
        operator,
        settlement.detail());
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
