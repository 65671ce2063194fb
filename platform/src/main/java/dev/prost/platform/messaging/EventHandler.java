package dev.prost.platform.messaging;

import dev.prost.platform.events.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Applies one event inside the consumer's transaction: every state change and outbox row
 * goes through {@code conn}, and commits together with the inbox record. Fail with
 * {@link PermanentFailure} for a rule violation (dead-lettered at once); database
 * connection loss, serialization failures and deadlocks are retried automatically.
 */
@FunctionalInterface
public interface EventHandler {
  Future<Void> handle(SqlConnection conn, EventEnvelope envelope);
}
