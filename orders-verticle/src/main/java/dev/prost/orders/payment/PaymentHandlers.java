package dev.prost.orders.payment;

import dev.prost.orders.PaymentConfig;
import dev.prost.orders.store.Payments;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PaymentRefundRequested;
import dev.prost.platform.events.PaymentRequested;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment verticle's consumer: PaymentRequested → one charge → PaymentProcessed or
 * PaymentFailed; PaymentRefundRequested is {@link RefundHandlers}'. The request is recorded
 * with the inbox row, and the same insert claims the one right to charge (attempts 1): only the transaction that created the payment row calls the
 * gateway, after its commit, never inside a transaction, so a PaymentRequested delivered twice
 * (or re-sent under a new event id) charges once. The charge then costs two transactions: this
 * one and the settle, which {@link PaymentSettlements} shares between the answers that come
 * while one commits. An answer that never comes (or a crash before the call) leaves the
 * payment PENDING: the saga's payment deadline voids it and the refund sweep asks the gateway.
 */
public final class PaymentHandlers {

  private static final Logger log = LoggerFactory.getLogger(PaymentHandlers.class);

  private final PaymentGateway gateway;
  private final PaymentConfig config;
  private final PaymentSettlements settlements;
  private final Payments payments = new Payments();

  private PaymentHandlers(PaymentGateway gateway, PaymentConfig config, PaymentSettlements settlements) {
    this.gateway = gateway;
    this.config = config;
    this.settlements = settlements;
  }

  public static EventHandlers create(Vertx vertx, Pool pool, PaymentGateway gateway, PaymentConfig config,
      Outbox outbox) {
    PaymentHandlers handlers = new PaymentHandlers(gateway, config,
        new PaymentSettlements(pool, outbox, vertx.getOrCreateContext()));
    RefundHandlers refunds = new RefundHandlers(pool, gateway, config, outbox);
    return EventHandlers.builder()
        .on(PaymentRequested.class, handlers::record, (envelope, request, mine) -> Boolean.TRUE.equals(mine)
            ? handlers.charge(envelope, request) : Future.succeededFuture())
        .on(PaymentRefundRequested.class, refunds::record, refunds::refund)
        .build();
  }

  /** Records the payment and claims its charge; answers whether this delivery is the one to charge. */
  private Future<Boolean> record(SqlConnection conn, EventEnvelope envelope, PaymentRequested request) {
    return payments.requestAndClaim(conn, request.orderId(), request.amountCents(), request.currency())
        .map(created -> {
          if (!created) {
            log.info("order {} has a payment already; PaymentRequested {} will not charge again", request.orderId(),
                envelope.metadata().eventId());
          }
          return created;
        });
  }

  private Future<Void> charge(EventEnvelope envelope, PaymentRequested request) {
    UUID orderId = request.orderId();
    return gateway.charge(new PaymentGateway.Charge(orderId, request.amountCents(), request.currency(),
            request.paymentToken()))
        .timeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .compose(result -> settlements.settle(envelope, request, result), e -> {
          log.warn("payment of order {} has no answer after {}; left PENDING for the saga's deadline: {}",
              orderId, config.callTimeout(), e.getMessage());
          return Future.succeededFuture();
        });
  }
}
