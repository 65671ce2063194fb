package dev.prost.platform.messaging;

import dev.prost.platform.messaging.relay.RetentionSweeper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.db.IdempotencyStore;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Retention of the outbox and the inbox")
class RetentionSweeperTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("published outbox rows and inbox records past their retention are pruned; unpublished and recent rows stay")
  void prunes(Vertx vertx) {
    ServiceSchema schema = ServiceSchema.of("users");
    Await.result(Migrations.create(vertx, db.config(), schema).migrate());
    Pool pool = ServicePool.create(vertx, db.config(), schema);
    MessagingConfig config = TestNamespace.config(Map.of("PROST_OUTBOX_RETENTION", "1h", "PROST_INBOX_RETENTION", "2h"));
    Outbox outbox = Outbox.create(vertx, schema, EventCodec.create());
    IdempotencyStore inbox = IdempotencyStore.create();
    EventEnvelope oldPublished = event();
    EventEnvelope recentPublished = event();
    EventEnvelope oldUnpublished = event();
    UUID oldInbox = UUID.randomUUID();
    UUID recentInbox = UUID.randomUUID();
    Await.result(pool.withTransaction(conn -> outbox.append(conn, oldPublished)
        .compose(v -> outbox.append(conn, recentPublished))
        .compose(v -> outbox.append(conn, oldUnpublished))
        .compose(v -> inbox.recordIfAbsent(conn, "c", oldInbox))
        .compose(v -> inbox.recordIfAbsent(conn, "c", recentInbox))));
    age(pool, "UPDATE outbox SET published_at = now() - interval '2 hours' WHERE event_id = $1", oldPublished);
    age(pool, "UPDATE outbox SET published_at = now() - interval '10 minutes' WHERE event_id = $1", recentPublished);
    age(pool, "UPDATE outbox SET created_at = now() - interval '3 hours' WHERE event_id = $1", oldUnpublished);
    Await.result(pool.preparedQuery("UPDATE processed_events SET processed_at = now() - interval '3 hours'"
        + " WHERE event_id = $1").execute(Tuple.of(oldInbox)));

    int removed = Await.result(new RetentionSweeper(pool, config).sweep());

    assertThat(removed).isEqualTo(2);
    assertThat(ids(pool, "SELECT event_id FROM outbox"))
        .containsExactlyInAnyOrder(recentPublished.metadata().eventId(), oldUnpublished.metadata().eventId());
    assertThat(ids(pool, "SELECT event_id FROM processed_events")).containsExactly(recentInbox);
  }

  private static EventEnvelope event() {
    UUID user = UUID.randomUUID();
    return EventEnvelope.first("users", user, new UserRegistered(user, "r@example.com", "R"));
  }

  private static void age(Pool pool, String sql, EventEnvelope event) {
    Await.result(pool.preparedQuery(sql).execute(Tuple.of(event.metadata().eventId())));
  }

  private static java.util.List<UUID> ids(Pool pool, String sql) {
    java.util.List<UUID> ids = new java.util.ArrayList<>();
    Await.result(pool.query(sql).execute()).forEach(row -> ids.add(row.getUUID(0)));
    return ids;
  }
}
