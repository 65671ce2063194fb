package dev.prost.platform.messaging.deadletter;

import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Journal;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Settlement;
import dev.prost.platform.messaging.deadletter.impl.PgDeadLetterAudit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The {@code dlq_audit} table of the service that owns a dead-letter queue: one row per
 * message an operator replayed or purged (dry runs write nothing), with who, when, the
 * message's event id, type, correlation id and failure reason, and what came of it.
 */
public interface DeadLetterAudit {

  /** The operation, stored as {@code replay} or {@code purge}. */
  enum Action { REPLAY, PURGE }

  /** Writes into the schema {@code pool} connects to (the owning service's). */
  static DeadLetterAudit create(Pool pool) {
    return new PgDeadLetterAudit(pool);
  }

  /** Fails when the schema has no {@code dlq_audit} table yet (not migrated): check before acting. */
  Future<Void> ready();

  /** One transaction for all the rows. */
  Future<Void> record(Action action, String queue, String operator, List<Settlement> settled);

  /** A journal for one operation, to hand to {@link DeadLetterQueue}. */
  default Journal journal(Action action, String queue, String operator) {
    return settled -> record(action, queue, operator, settled);
  }
}
