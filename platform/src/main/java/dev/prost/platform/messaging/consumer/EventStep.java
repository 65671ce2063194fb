package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** A link of the chain inside the transaction: applies one event on the transaction's connection. */
@FunctionalInterface
interface EventStep {
  Future<Outcome> apply(SqlConnection conn, PendingEvent event);
}
