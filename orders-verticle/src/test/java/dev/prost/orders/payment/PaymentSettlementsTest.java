package dev.prost.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.orders.OrdersService;
import dev.prost.orders.store.Payments;
import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PaymentRequested;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gateway answers recorded against a real orders schema: answers that come while a settle
 * commits share the next transaction, each payment is settled once with one event, and an answer
 * that cannot be recorded fails alone.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Payment settlements: group commit of gateway answers")
class PaymentSettlementsTest {

  private static final int ANSWERS = 40;

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private final Payments payments = new Payments();
  private Pool pool;
  private PaymentSettlements settlements;

  @BeforeEach
  void setUp(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), OrdersService.SCHEMA).migrate());
    pool = ServicePool.create(vertx, db.config(), OrdersService.SCHEMA);
    settlements = new PaymentSettlements(pool, Outbox.create(vertx, OrdersService.SCHEMA, EventCodec.create()),
        vertx.getOrCreateContext());
  }

  @AfterEach
  void tearDown() {
    Await.result(pool.query("TRUNCATE payments, orders, outbox CASCADE").execute());
    pool.close();
  }

  @Test
  @DisplayName("answers that come together share commits; each payment is settled once, with one event")
  void answersShareCommits() {
    List<PaymentRequested> requests = requested(ANSWERS);

    List<Future<Void>> settled = new ArrayList<>();
    for (int i = 0; i < ANSWERS; i++) {
      PaymentGateway.Result result = i % 5 == 0
          ? PaymentGateway.Result.declined("card declined")
          : PaymentGateway.Result.approved("ch_" + i);
      settled.add(settlements.settle(envelope(requests.get(i)), requests.get(i), result));
    }
    Await.result(Future.all(settled));

    assertThat(scalar("SELECT count(*) FROM payments WHERE status = 'PROCESSED'")).isEqualTo(32);
    assertThat(scalar("SELECT count(*) FROM payments WHERE status = 'DECLINED'")).isEqualTo(8);
    assertThat(scalar("SELECT count(*) FROM outbox WHERE event_type = 'PaymentProcessed'")).isEqualTo(32);
    assertThat(scalar("SELECT count(*) FROM outbox WHERE event_type = 'PaymentFailed'")).isEqualTo(8);
    assertThat(scalar("SELECT count(DISTINCT correlation_id) FROM outbox")).isEqualTo(ANSWERS);
    // rows written by one transaction share its id (xmin): fewer ids than answers is commits shared
    assertThat(scalar("SELECT count(DISTINCT xmin::text) FROM payments")).as("settle transactions")
        .isLessThan(ANSWERS);
  }

  @Test
  @DisplayName("an answer that cannot be recorded fails alone; the rest of its group is settled")
  void aBadAnswerFailsAlone() {
    List<PaymentRequested> requests = requested(10);

    List<Future<Void>> settled = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // an approval without the provider's reference cannot become a PaymentProcessed
      PaymentGateway.Result result = i == 6
          ? new PaymentGateway.Result(true, null, null)
          : PaymentGateway.Result.approved("ch_" + i);
      settled.add(settlements.settle(envelope(requests.get(i)), requests.get(i), result));
    }
    Await.result(Future.join(settled).otherwiseEmpty());

    assertThat(settled.get(6).failed()).isTrue();
    assertThat(settled).filteredOn(Future::succeeded).hasSize(9);
    assertThat(scalar("SELECT count(*) FROM payments WHERE status = 'PROCESSED'")).isEqualTo(9);
    assertThat(scalar("SELECT count(*) FROM payments WHERE status = 'PENDING' AND order_id = '"
        + requests.get(6).orderId() + "'")).isEqualTo(1);
    assertThat(scalar("SELECT count(*) FROM outbox")).isEqualTo(9);
  }

  /** {@code count} payments recorded and claimed, as the payment consumer leaves them before the charge. */
  private List<PaymentRequested> requested(int count) {
    List<PaymentRequested> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PaymentRequested request = new PaymentRequested(UUID.randomUUID(), UUID.randomUUID(), 1_000 + i, "EUR", "tok_visa");
      boolean claimed = Await.result(pool.withTransaction(conn -> conn.preparedQuery("""
              INSERT INTO orders (id, user_id, cart_id, status, total_cents, currency, payment_token)
              VALUES ($1, $2, $3, 'INVENTORY_RESERVED', $4, 'EUR', 'tok_visa')""")
          .execute(Tuple.of(request.orderId(), request.userId(), UUID.randomUUID(), request.amountCents()))
          .compose(order -> payments.requestAndClaim(conn, request.orderId(), request.amountCents(),
              request.currency()))));
      assertThat(claimed).isTrue();
      requests.add(request);
    }
    return requests;
  }

  private static EventEnvelope envelope(PaymentRequested request) {
    return EventEnvelope.first("orders", request.orderId(), request);
  }

  private long scalar(String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
