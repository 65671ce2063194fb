package dev.prost.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Pipelined steps of one transaction")
class PipelinedStepsTest {

  private static final ServiceSchema SCHEMA = ServiceSchema.of("cart");
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private Pool pool;

  @BeforeEach
  void table(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    pool = ServicePool.create(vertx, db.config(), SCHEMA);
    Await.result(pool.query("DROP TABLE IF EXISTS steps").execute()
        .compose(v -> pool.query("CREATE TABLE steps (seq bigserial PRIMARY KEY, label text UNIQUE)").execute()));
  }

  @AfterEach
  void close() {
    Await.result(pool.close());
  }

  @Test
  @DisplayName("steps started together run in the order they were started and commit together")
  void inOrder() {
    List<Object> results = Await.result(pool.withTransaction(conn -> PipelinedSteps.run(
        () -> insert(conn, "a"),
        () -> insert(conn, "b").compose(v -> insert(conn, "b2")),
        () -> insert(conn, "c"))));

    assertThat(results).hasSize(3);
    assertThat(labelsBySeq()).containsExactly("a", "b", "c", "b2");
  }

  @Test
  @DisplayName("a failing statement rolls back every step and is the failure reported, not the aborted ones after it")
  void failureRollsBackAll() {
    Await.result(pool.withTransaction(conn -> insert(conn, "taken")));

    Throwable failure = Await.failure(pool.withTransaction(conn -> PipelinedSteps.run(
        () -> insert(conn, "a"),
        () -> insert(conn, "taken"),
        () -> insert(conn, "c"))));

    assertThat(failure).isInstanceOf(PgException.class);
    assertThat(((PgException) failure).getSqlState()).isEqualTo("23505");
    assertThat(labelsBySeq()).containsExactly("taken");
  }

  @Test
  @DisplayName("a step failing in Java leaves no later statement of another step outside the transaction")
  void noStatementAfterRollback() {
    Throwable failure = Await.failure(pool.withTransaction(conn -> PipelinedSteps.run(
        () -> insert(conn, "a").compose(v -> Future.failedFuture(new IllegalStateException("handler failed"))),
        () -> insert(conn, "b").compose(v -> insert(conn, "late")))));

    assertThat(failure).hasMessage("handler failed");
    assertThat(labelsBySeq()).isEmpty();
  }

  @Test
  @DisplayName("why not Future.all: a statement issued after its rollback runs outside the transaction and commits")
  void futureAllLeaks() {
    Await.failure(pool.withTransaction(conn -> Future.all(
        insert(conn, "a").compose(v -> Future.failedFuture(new IllegalStateException("handler failed"))),
        insert(conn, "b").compose(v -> insert(conn, "late")))));

    // the late insert went out after ROLLBACK, on its own: the hazard PipelinedSteps avoids
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(labelsBySeq()).containsExactly("late"));
  }

  @Test
  @DisplayName("a step that throws stops the steps after it from starting and rolls back the ones before")
  void throwingStep() {
    Throwable failure = Await.failure(pool.withTransaction(conn -> PipelinedSteps.run(
        () -> insert(conn, "a"),
        () -> {
          throw new IllegalArgumentException("bad step");
        },
        () -> insert(conn, "never"))));

    assertThat(failure).hasMessage("bad step");
    assertThat(labelsBySeq()).isEmpty();
  }

  @Test
  @DisplayName("concurrent transactions of pipelined steps stay isolated: every one commits whole, none sees another's rows")
  void concurrentIsolate() {
    List<Future<List<Object>>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String label = "t" + i;
      all.add(pool.withTransaction(conn -> PipelinedSteps.run(
          () -> insert(conn, label),
          () -> insert(conn, label + "-2"),
          () -> conn.query("SELECT count(*) FROM steps").execute().map(rows -> rows.iterator().next().getLong(0)))));
    }
    Await.result(Future.join(all));

    // each saw its own two rows and whole transactions of the others: never one row of a pair
    assertThat(all).allSatisfy(tx -> assertThat((Long) tx.result().get(2)).isGreaterThanOrEqualTo(2L).isEven());
    assertThat(labelsBySeq()).hasSize(40);
  }

  private static Future<Void> insert(SqlConnection conn, String label) {
    return conn.preparedQuery("INSERT INTO steps (label) VALUES ($1)").execute(Tuple.of(label)).mapEmpty();
  }

  private List<String> labelsBySeq() {
    return Await.result(pool.query("SELECT label FROM steps ORDER BY seq").execute()
        .map(rows -> {
          List<String> labels = new ArrayList<>();
          rows.forEach(row -> labels.add(row.getString(0)));
          return labels;
        }));
  }
}
