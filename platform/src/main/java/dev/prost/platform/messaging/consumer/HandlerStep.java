package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** The end of the chain: the consumer table's handler for the event, on the transaction's connection. */
final class HandlerStep implements EventStep {

  @Override
  public Future<Outcome> apply(SqlConnection conn, PendingEvent event) {
    return event.handler().handle(conn, event.envelope()).map(Outcome::applied);
  }
}
