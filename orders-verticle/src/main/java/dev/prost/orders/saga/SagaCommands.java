package dev.prost.orders.saga;

import dev.prost.orders.SagaConfig;
import dev.prost.orders.domain.OrderHeader;
import dev.prost.orders.domain.Saga;
import dev.prost.orders.domain.SagaCommand;
import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.domain.SagaState;
import dev.prost.orders.domain.Step;
import dev.prost.orders.saga.SagaEngine.Cause;
import dev.prost.orders.store.Orders;
import dev.prost.orders.store.Payments;
import dev.prost.orders.store.SagaJournal;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.OrderCancelled;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderDelivered;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.OrderPlaced;
import dev.prost.platform.events.OrderRefunded;
import dev.prost.platform.events.OrderShipped;
import dev.prost.platform.events.PaymentRefundRequested;
import dev.prost.platform.events.PaymentRequested;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReturnRequested;
import dev.prost.platform.logging.CorrelationIds;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link SagaCommand}s of a step the {@link SagaEngine} took: the outgoing
 * events through the outbox and the compensation log rows, opened by a command and closed by
 * the answer that ends it. All in the caller's transaction.
 */
final class SagaCommands {

  private static final Logger log = LoggerFactory.getLogger(SagaCommands.class);
  private static final String RELEASE_STOCK = "release stock";
  private static final String REFUND_PAYMENT = "refund payment";
  private static final String RETURN_STOCK = "return stock";

  private final SagaConfig config;
  private final Outbox outbox;
  private final Orders orders = new Orders();
  private final SagaJournal journal = new SagaJournal();
  private final Payments payments = new Payments();

  SagaCommands(SagaConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
  }

  // the answer that ends a compensating step closes its log row(s)
  Future<Void> completeCompensation(SqlConnection conn, Saga saga, SagaInput input) {
    return switch (input) {
      case STOCK_RELEASED -> journal.completed(conn, saga.orderId(), RELEASE_STOCK, "released (StockReleased)");
      case PAYMENT_REFUNDED -> journal.completed(conn, saga.orderId(), REFUND_PAYMENT, "refunded (PaymentRefunded)");
      case STOCK_RETURNED -> journal.completed(conn, saga.orderId(), RETURN_STOCK, "returned (StockReturned)");
      default -> Future.succeededFuture();
    };
  }

  /** Runs the step's commands in order, in the caller's transaction. */
  Future<Void> run(SqlConnection conn, Cause cause, Saga saga, Step.Transition step, String failure) {
    Future<Void> chain = Future.succeededFuture();
    for (SagaCommand command : step.commands()) {
      chain = chain.compose(v -> run(conn, cause, saga, command, failure));
    }
    return chain;
  }

  private Future<Void> run(SqlConnection conn, Cause cause, Saga saga, SagaCommand command, String failure) {
    UUID orderId = saga.orderId();
    OrderHeader order = saga.order();
    return switch (command) {
      case PLACE_ORDER -> orders.lines(conn, orderId).compose(lines -> outbox.append(conn, cause.wrap(orderId,
          new OrderPlaced(orderId, order.userId(), lines, order.totalCents(), order.currency()))));
      case REQUEST_PAYMENT -> outbox.append(conn, cause.wrap(orderId,
          new PaymentRequested(orderId, order.userId(), order.totalCents(), order.currency(), order.paymentToken())));
      case CONFIRM_ORDER -> orders.lines(conn, orderId).compose(lines -> outbox.append(conn, cause.wrap(orderId,
          new OrderConfirmed(orderId, order.userId(), units(lines)))));
      case VOID_PAYMENT -> payments.voidFor(conn, orderId, order.totalCents(), order.currency())
          .compose(outcome -> journal.compensationDone(conn, orderId, saga.state(), "void payment", outcome));
      case FAIL_ORDER -> outbox.append(conn, cause.wrap(orderId, new OrderFailed(orderId, order.userId(), failure)))
          .compose(v -> saga.state() == SagaState.PENDING
              ? Future.<Void>succeededFuture()
              : journal.compensation(conn, orderId, saga.state(), RELEASE_STOCK, "requested (OrderFailed)"))
          // cart answers nothing: handing it the event is all there is to do
          .compose(v -> journal.compensationDone(conn, orderId, saga.state(), "reopen cart", "requested (OrderFailed)"));
      case REPORT_COMPENSATION_TIMEOUT -> {
        CorrelationIds.run(orderId.toString(), () -> log.error(
            "saga {} stuck in {} past its deadline ({}): ended without StockReleased",
            orderId, saga.state(), config.compensationTimeout()));
        yield journal.completed(conn, orderId, RELEASE_STOCK, "timed out waiting for StockReleased");
      }
      case REQUEST_REFUND -> outbox.append(conn, cause.wrap(orderId,
              new PaymentRefundRequested(orderId, order.totalCents(), order.currency())))
          .compose(v -> journal.compensation(conn, orderId, saga.state(), REFUND_PAYMENT,
              "requested (PaymentRefundRequested)"));
      case REQUEST_STOCK_RETURN -> orders.lines(conn, orderId).compose(lines -> outbox.append(conn, cause.wrap(orderId,
              new StockReturnRequested(orderId, units(lines)))))
          .compose(v -> journal.compensation(conn, orderId, saga.state(), RETURN_STOCK,
              "requested (StockReturnRequested)"));
      case ANNOUNCE_CANCELLED -> outbox.append(conn, cause.wrap(orderId,
          new OrderCancelled(orderId, order.userId(), saga.failureReason())));
      case ANNOUNCE_SHIPPED -> orders.shipment(conn, orderId).compose(shipment -> outbox.append(conn,
          cause.wrap(orderId, new OrderShipped(orderId, order.userId(), shipment.carrier(), shipment.trackingNumber()))));
      case ANNOUNCE_DELIVERED -> outbox.append(conn, cause.wrap(orderId, new OrderDelivered(orderId, order.userId())));
      case ANNOUNCE_REFUNDED -> payments.refundedCents(conn, orderId).compose(cents -> outbox.append(conn,
          cause.wrap(orderId, new OrderRefunded(orderId, order.userId(), cents, order.currency(),
              saga.state() == SagaState.RESTOCKING))));
    };
  }

  /** The order's lines as units of stock, without their prices. */
  private static List<StockLine> units(List<PricedLine> lines) {
    return lines.stream().map(line -> new StockLine(line.productId(), line.quantity())).toList();
  }
}
