package dev.prost.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Transactional outbox")
class OutboxTest {

  private static final ServiceSchema SCHEMA = ServiceSchema.of("users");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private final EventCodec codec = EventCodec.create();
  private Outbox outbox;
  private Pool pool;

  @BeforeEach
  void migrate(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    pool = ServicePool.create(vertx, db.config(), SCHEMA);
    outbox = Outbox.create(vertx, SCHEMA, codec);
    Await.result(pool.query("CREATE TABLE IF NOT EXISTS accounts (id uuid PRIMARY KEY, email text)").execute());
  }

  @Test
  @DisplayName("a state change and its outbox row commit together")
  void commitTogether() {
    UUID userId = UUID.randomUUID();
    EventEnvelope event = registered(userId);

    Await.result(pool.withTransaction(conn -> insertAccount(conn, userId)
        .compose(v -> outbox.append(conn, event))));

    assertThat(count("SELECT count(*) FROM accounts WHERE id = $1", userId)).isEqualTo(1);
    Row row = Await.result(pool.preparedQuery("SELECT * FROM outbox WHERE event_id = $1")
        .execute(Tuple.of(event.metadata().eventId()))).iterator().next();
    assertThat(row.getString("exchange")).isEqualTo("users.events");
    assertThat(row.getString("routing_key")).isEqualTo("user.registered");
    assertThat(row.getString("event_type")).isEqualTo("UserRegistered");
    assertThat(row.getLocalDateTime("published_at")).isNull();
    assertThat(codec.decode(row.getString("envelope"))).isEqualTo(event);
  }

  @Test
  @DisplayName("the relay is told after the commit, when the rows are visible, and never for a rollback")
  void announcedAfterCommit(Vertx vertx) {
    EventEnvelope rolledBack = registered(UUID.randomUUID());
    EventEnvelope committed = registered(UUID.randomUUID());
    // each announcement, as it arrives, asks whether the committed row is visible yet
    List<Future<Long>> announcements = new CopyOnWriteArrayList<>();
    vertx.eventBus().localConsumer(Outbox.committedAddress(SCHEMA), announced -> announcements.add(
        pool.preparedQuery("SELECT count(*) FROM outbox WHERE event_id = $1")
            .execute(Tuple.of(committed.metadata().eventId()))
            .map(rows -> rows.iterator().next().getLong(0))));

    Await.failure(pool.withTransaction(conn -> outbox.append(conn, rolledBack)
        .compose(v -> Future.failedFuture(new IllegalStateException("rule violated")))));
    Await.result(pool.withTransaction(conn -> outbox.append(conn, committed)
        .compose(v -> announcements.isEmpty() ? Future.succeededFuture()
            : Future.failedFuture(new AssertionError("announced before the commit")))));

    // delivered in order: had the rollback been announced, that announcement would be first
    await().atMost(Duration.ofSeconds(30)).until(() -> !announcements.isEmpty());
    assertThat(announcements).hasSize(1);
    assertThat(Await.result(announcements.get(0))).as("rows visible when announced").isEqualTo(1L);
  }

  @Test
  @DisplayName("when the transaction fails after both writes, neither the state nor the event remains")
  void rollbackTogether() {
    UUID userId = UUID.randomUUID();
    EventEnvelope event = registered(userId);

    Throwable failure = Await.failure(pool.withTransaction(conn -> insertAccount(conn, userId)
        .compose(v -> outbox.append(conn, event))
        .compose(v -> Future.failedFuture(new IllegalStateException("rule violated")))));

    assertThat(failure).hasMessage("rule violated");
    assertThat(count("SELECT count(*) FROM accounts WHERE id = $1", userId)).isZero();
    assertThat(count("SELECT count(*) FROM outbox WHERE event_id = $1", event.metadata().eventId())).isZero();
  }

  @Test
  @DisplayName("when the event cannot be written, the state change is rolled back too")
  void failingAppendRollsBackState() {
    UUID userId = UUID.randomUUID();
    EventEnvelope event = registered(userId);
    Await.result(pool.withTransaction(conn -> outbox.append(conn, event)));

    // the same event id again violates the outbox's unique key inside the second transaction
    Await.failure(pool.withTransaction(conn -> insertAccount(conn, userId)
        .compose(v -> outbox.append(conn, event))));

    assertThat(count("SELECT count(*) FROM accounts WHERE id = $1", userId)).isZero();
  }

  private static EventEnvelope registered(UUID userId) {
    return EventEnvelope.first("users", UUID.randomUUID(), new UserRegistered(userId, "a@example.com", "Ada"));
  }

  private static Future<Void> insertAccount(io.vertx.sqlclient.SqlConnection conn, UUID id) {
    return conn.preparedQuery("INSERT INTO accounts (id, email) VALUES ($1, 'a@example.com')")
        .execute(Tuple.of(id)).mapEmpty();
  }

  private long count(String sql, UUID id) {
    return Await.result(pool.preparedQuery(sql).execute(Tuple.of(id))).iterator().next().getLong(0);
  }
}
