package dev.prost.platform.messaging.consumer;

import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.logging.VertxContexts;
import dev.prost.platform.messaging.EventHandler;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/** Events and a migrated schema for the chain's unit tests: real handlers, real PostgreSQL. */
final class ChainEvents {

  static final ServiceSchema SCHEMA = ServiceSchema.of("cart");

  private ChainEvents() {}

  /** A decoded UserRegistered on a duplicated context of its own, handled by {@code handler}. */
  static PendingEvent pending(Vertx vertx, EventHandler handler) {
    UserRegistered event = new UserRegistered(UUID.randomUUID(), "someone@example.org", "Someone");
    EventEnvelope envelope = EventEnvelope.first("users", UUID.randomUUID(), event);
    return new PendingEvent(null, envelope, handler, VertxContexts.duplicate(vertx.getOrCreateContext()));
  }

  /** The table's entry for UserRegistered, built the way services build theirs. */
  static EventHandler handler(EventHandlers.Producing<UserRegistered, Object> handle,
      EventHandlers.AfterCommit<UserRegistered, Object> afterCommit) {
    return EventHandlers.builder().on(UserRegistered.class, handle, afterCommit).build()
        .forType("UserRegistered").orElseThrow();
  }

  static EventHandler answering(Object result) {
    return handler((conn, envelope, event) -> Future.succeededFuture(result),
        (envelope, event, r) -> Future.succeededFuture());
  }

  /** A pool on a migrated schema (inbox table included) with a table the handlers write to. */
  static Pool migratedPool(Vertx vertx, TestDatabase db) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
    Await.result(pool.query("CREATE TABLE IF NOT EXISTS chain_effects (event_id uuid, seq bigserial)").execute());
    return pool;
  }

  static long count(Pool pool, String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
