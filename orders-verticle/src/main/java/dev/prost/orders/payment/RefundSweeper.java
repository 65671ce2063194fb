package dev.prost.orders.payment;

import dev.prost.orders.PaymentConfig;
import dev.prost.orders.domain.SagaState;
import dev.prost.orders.store.Payments;
import dev.prost.orders.store.SagaJournal;
import dev.prost.platform.service.PeriodicSweep;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives money back for charges that outlived their saga: a saga that timed out while a charge
 * was in flight (or after it succeeded) marked the payment REFUND_REQUIRED. Each sweep claims
 * such payments with {@code SKIP LOCKED}, so instances share the work, refunds them at the
 * gateway (idempotent per order) and logs the step in the compensation log.
 */
public final class RefundSweeper extends PeriodicSweep {

  private static final Logger log = LoggerFactory.getLogger(RefundSweeper.class);
  private static final int BATCH = 50;

  private final Pool pool;
  private final PaymentGateway gateway;
  private final PaymentConfig config;
  private final Payments payments = new Payments();
  private final SagaJournal journal = new SagaJournal();

  public RefundSweeper(Pool pool, PaymentGateway gateway, PaymentConfig config) {
    super(config.refundInterval());
    this.pool = pool;
    this.gateway = gateway;
    this.config = config;
  }

  /** One batch in one transaction (the gateway is quick and idempotent); answers the payments refunded. */
  @Override
  public Future<Integer> sweep() {
    return pool.withTransaction(conn -> payments.claimRefunds(conn, BATCH).compose(claimed -> {
      Future<Void> chain = Future.succeededFuture();
      for (Payments.Refund refund : claimed) {
        chain = chain.compose(v -> gateway.refund(refund.orderId(), Optional.ofNullable(refund.providerReference()))
            .timeout(config.callTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .compose(reference -> payments.refunded(conn, refund.orderId(), reference)
                .compose(done -> journal.compensationDone(conn, refund.orderId(), SagaState.INVENTORY_RESERVED,
                    "refund payment", reference.isPresent() ? "refunded" : "nothing had been charged"))));
      }
      return chain.map(v -> claimed.size());
    })).onSuccess(n -> {
      if (n > 0) {
        log.info("settled {} refunds", n);
      }
    }).onFailure(e -> log.warn("refund sweep failed, the next one retries: {}", e.getMessage()));
  }
}
