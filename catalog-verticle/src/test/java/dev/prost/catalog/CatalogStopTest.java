package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.prost.catalog.events.ReservationSweeper;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("Stopping catalog lets the reservation sweep in progress finish before the pool closes")
class CatalogStopTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private final ListAppender<ILoggingEvent> sweeperLog = new ListAppender<>();
  private CatalogFixture catalog;
  private Pool pool;

  @AfterEach
  void cleanUp() {
    ((Logger) LoggerFactory.getLogger(ReservationSweeper.class)).detachAppender(sweeperLog);
    if (catalog != null) {
      catalog.stop();
    }
    if (pool != null) {
      Await.result(pool.close());
    }
  }

  @Test
  @DisplayName("a sweep held on a product lock commits after stop is asked; the stop completes only then")
  void stopWaitsForTheSweep(Vertx vertx) {
    sweeperLog.start();
    ((Logger) LoggerFactory.getLogger(ReservationSweeper.class)).addAppender(sweeperLog);
    catalog = new CatalogFixture(vertx, db, Map.of("PROST_RESERVATION_SWEEP_INTERVAL", "100ms")).start();
    pool = ServicePool.create(vertx, CatalogConfig.from(Env.of(catalog.env())).db(), CatalogService.SCHEMA);
    UUID product = UUID.fromString(catalog.createProduct(catalog.createCategory("c"), "sku-1", "Teapot", "t", 100, 10)
        .getString("id"));
    UUID order = UUID.randomUUID();
    sql("UPDATE products SET stock_reserved = 2 WHERE id = $1", product);
    sql("INSERT INTO inventory_reservations (order_id, product_id, quantity, status, expires_at)"
        + " VALUES ($2, $1, 2, 'RESERVED', now() + interval '1 hour')", product, order);

    // hold the product row from another connection: the sweep claims the reservation, then waits on it
    SqlConnection holder = Await.result(pool.getConnection());
    Transaction held = Await.result(holder.begin());
    Await.result(holder.preparedQuery("SELECT 1 FROM products WHERE id = $1 FOR UPDATE").execute(Tuple.of(product)));
    sql("UPDATE inventory_reservations SET expires_at = now() - interval '1 second' WHERE order_id = $2"
        + " AND product_id = $1", product, order);
    await().atMost(PATIENCE).until(() -> waitingOnLocks() == 1);

    Future<Void> stop = catalog.stopRequested();
    // HTTP goes first; the sweep is still held and the stop still waits for it
    await().atMost(PATIENCE).untilAsserted(() -> Await.failure(catalog.client.get("/health/live").send()));
    assertThat(waitingOnLocks()).isEqualTo(1);
    assertThat(stop.isComplete()).isFalse();

    Await.result(held.commit().eventually(holder::close));
    Await.result(stop);
    assertThat(text("SELECT status FROM inventory_reservations WHERE order_id = $2 AND product_id = $1",
        product, order)).isEqualTo("EXPIRED");
    assertThat(text("SELECT stock_reserved::text FROM products WHERE id = $1", product)).isEqualTo("0");
    assertThat(text("SELECT count(*)::text FROM outbox WHERE event_type = 'StockReleased'")).isEqualTo("1");
    assertThat(sweeperLog.list).noneMatch(event -> event.getFormattedMessage().contains("sweep failed"));
  }

  /** Backends of the test database blocked on a lock: the held sweep. */
  private long waitingOnLocks() {
    return Long.parseLong(text("SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database()"
        + " AND wait_event_type = 'Lock'"));
  }

  private void sql(String sql, Object... params) {
    Await.result(pool.preparedQuery(sql).execute(Tuple.from(params)));
  }

  private String text(String sql, Object... params) {
    return Await.result(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator().next().getString(0);
  }
}
