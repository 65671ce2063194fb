package dev.prost.platform.bench;

import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.PipelinedSteps;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Rough cost of a transaction's round trips: N sequential small transactions per variant,
 * the variants alternated over rounds in one JVM. Variants: one insert with BEGIN awaited
 * ({@code withTransaction}, what Prost does), one insert with BEGIN not awaited (measured only:
 * not safe, see docs/decisions.md), four inserts one after another, four inserts started
 * together ({@link PipelinedSteps}). A main in test scope, not a test:
 * {@code java -cp ... dev.prost.platform.bench.TransactionRoundTrips [transactions] [rounds]}.
 */
public final class TransactionRoundTrips {

  private static final ServiceSchema SCHEMA = ServiceSchema.of("cart");
  private static final String INSERT = "INSERT INTO rt (label) VALUES ($1)";

  private TransactionRoundTrips() {
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Vertx vertx = Vertx.vertx();
    try (TestDatabase db = TestDatabase.create()) {
      Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
      Pool pool = ServicePool.create(vertx, db.config(), SCHEMA);
      Await.result(pool.query("CREATE TABLE rt (id bigserial PRIMARY KEY, label text)").execute());
      Variant[] variants = {
          new Variant("1 insert, BEGIN awaited", () -> pool.withTransaction(conn -> insert(conn, "a"))),
          new Variant("1 insert, BEGIN not awaited", () -> eagerBegin(pool, conn -> insert(conn, "a"))),
          new Variant("4 inserts in sequence", () -> pool.withTransaction(conn -> insert(conn, "a")
              .compose(v -> insert(conn, "b")).compose(v -> insert(conn, "c")).compose(v -> insert(conn, "d")))),
          new Variant("4 inserts pipelined", () -> pool.withTransaction(conn -> PipelinedSteps.run(
              () -> insert(conn, "a"), () -> insert(conn, "b"), () -> insert(conn, "c"), () -> insert(conn, "d"))))};
      for (Variant variant : variants) {
        variant.run(vertx, n / 4); // warm-up: connections, prepared statements, JIT
      }
      double[][] micros = new double[rounds][variants.length];
      double[][] cpu = new double[rounds][variants.length];
      for (int r = 0; r < rounds; r++) {
        for (int v = 0; v < variants.length; v++) {
          long cpuStart = processCpuNanos();
          micros[r][v] = variants[v].run(vertx, n);
          cpu[r][v] = (processCpuNanos() - cpuStart) / 1_000.0 / n;
          System.out.printf("round %d  %-28s %8.1f us/tx wall  %7.1f us/tx JVM CPU%n", r + 1, variants[v].name,
              micros[r][v], cpu[r][v]);
        }
      }
      for (int r = 0; r < rounds; r++) {
        System.out.printf("round %d  BEGIN not awaited / awaited: wall %.2f, CPU %.2f   "
                + "4 pipelined / 4 in sequence: wall %.2f, CPU %.2f%n", r + 1, micros[r][1] / micros[r][0],
            cpu[r][1] / cpu[r][0], micros[r][3] / micros[r][2], cpu[r][3] / cpu[r][2]);
      }
      Await.result(pool.close());
    } finally {
      Await.result(vertx.close());
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Future<Void> insert(SqlConnection conn, String label) {
    return conn.preparedQuery(INSERT).execute(Tuple.of(label)).mapEmpty();
  }

  // the shape this issue asked about, for measuring only: BEGIN and the body go out together
  private static Future<Void> eagerBegin(Pool pool, Function<SqlConnection, Future<Void>> body) {
    return pool.getConnection().compose(conn -> {
      Future<Transaction> begun = conn.begin();
      Transaction tx = conn.transaction();
      return Future.join(begun, body.apply(conn))
          .compose(v -> tx.commit(), failed -> tx.rollback().transform(ignored -> Future.failedFuture(failed)))
          .onComplete(ended -> conn.close());
    });
  }

  private record Variant(String name, java.util.function.Supplier<Future<?>> transaction) {
    /** Mean microseconds per transaction over {@code n} run one after another on an event loop. */
    double run(Vertx vertx, int n) {
      io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
      long start = System.nanoTime();
      vertx.getOrCreateContext().runOnContext(ignored -> next(n).onComplete(done));
      Await.result(done.future());
      return (System.nanoTime() - start) / 1_000.0 / n;
    }

    private Future<Void> next(int left) {
      return left == 0 ? Future.succeededFuture() : transaction.get().compose(v -> next(left - 1));
    }
  }
}
