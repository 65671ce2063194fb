package dev.prost.platform.messaging;

import dev.prost.platform.events.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * One event type's entry in a consumer's table. {@link #handle} applies the event inside the
 * consumer's transaction: every state change and outbox row goes through {@code conn}, and
 * commits together with the inbox record. Fail with {@link PermanentFailure} for a rule
 * violation (dead-lettered at once); database connection loss, serialization failures and
 * deadlocks are retried automatically. {@link #afterCommit} runs once the transaction
 * committed, with what {@code handle} answered.
 */
public interface EventHandler {

  Future<Object> handle(SqlConnection conn, EventEnvelope envelope);

  /**
   * Best effort by nature: the effect is already committed and acknowledged, so a failure
   * here is only logged. Not run for duplicates, nor for a transaction that rolled back.
   */
  Future<Void> afterCommit(EventEnvelope envelope, Object result);
}
