package dev.prost.orders.payment;

import dev.prost.orders.OrdersConfig;
import dev.prost.orders.PaymentConfig;
import dev.prost.orders.store.Payments;
import dev.prost.orders.store.Payments.Charged;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PaymentRefundRequested;
import dev.prost.platform.events.PaymentRefunded;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment verticle's refunds: PaymentRefundRequested → the charge back, once →
 * PaymentRefunded. The request moves the payment PROCESSED → REFUNDING with the inbox row; the
 * gateway is called after that commit (never in a transaction), and REFUNDING → REFUNDED happens
 * once; each refund the provider confirmed is recorded under its reference ({@link Payments}).
 * A call with no answer leaves the payment REFUNDING: the saga's deadline re-sends the request,
 * and the provider, keyed by the order id, never returns the money twice (it answers the first
 * refund's reference again). A request for a payment refunded before is answered again.
 */
final class RefundHandlers {

  private static final Logger log = LoggerFactory.getLogger(RefundHandlers.class);

  private final Pool pool;
  private final PaymentGateway gateway;
  private final PaymentConfig config;
  private final Outbox outbox;
  private final Payments payments = new Payments();

  RefundHandlers(Pool pool, PaymentGateway gateway, PaymentConfig config, Outbox outbox) {
    this.pool = pool;
    this.gateway = gateway;
    this.config = config;
    this.outbox = outbox;
  }

  Future<Optional<Charged>> record(SqlConnection conn, EventEnvelope envelope, PaymentRefundRequested request) {
    return payments.startRefund(conn, request.orderId());
  }

  Future<Void> refund(EventEnvelope envelope, PaymentRefundRequested request, Optional<Charged> found) {
    UUID orderId = request.orderId();
    String status = found.map(Charged::status).orElse("none");
    return switch (status) {
      case "REFUNDING" -> gateway.refund(orderId, Optional.ofNullable(found.get().providerReference()))
          .timeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .compose(reference -> finish(envelope, orderId, found.get(), reference), e -> {
            log.warn("refund of order {} has no answer after {}; left REFUNDING for the saga's deadline: {}",
                orderId, config.callTimeout(), e.getMessage());
            return Future.succeededFuture();
          });
      case "REFUNDED" -> pool.withTransaction(conn -> answer(conn, envelope, orderId, found.get()));
      default -> {
        // never charged (or the checkout's own compensation refunds it): nothing goes back here
        log.warn("refund of order {} requested with its payment {}; answered with nothing refunded", orderId,
            status);
        yield pool.withTransaction(conn -> outbox.append(conn, envelope.reply(OrdersConfig.SERVICE,
            new PaymentRefunded(orderId, 0, request.currency(), null))));
      }
    };
  }

  // the provider holds no charge for the order any more, whoever's call returned it
  private Future<Void> finish(EventEnvelope envelope, UUID orderId, Charged charged, Optional<String> reference) {
    if (reference.isEmpty()) {
      // nothing recorded: the refund invariant shows a charged order with nothing refunded
      log.error("refund of order {}: the provider holds no charge for a PROCESSED payment", orderId);
    }
    return pool.withTransaction(conn -> payments.finishRefund(conn, orderId, reference)
        .compose(v -> answer(conn, envelope, orderId, charged)));
  }

  private Future<Void> answer(SqlConnection conn, EventEnvelope envelope, UUID orderId, Charged charged) {
    return outbox.append(conn, envelope.reply(OrdersConfig.SERVICE,
        new PaymentRefunded(orderId, charged.amountCents(), charged.currency(), charged.providerReference())));
  }
}
