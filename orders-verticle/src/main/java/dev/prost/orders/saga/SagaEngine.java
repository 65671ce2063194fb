package dev.prost.orders.saga;

import dev.prost.orders.OrdersConfig;
import dev.prost.orders.SagaConfig;
import dev.prost.orders.domain.OrderHeader;
import dev.prost.orders.domain.Saga;
import dev.prost.orders.domain.SagaCommand;
import dev.prost.orders.domain.SagaInput;
import dev.prost.orders.domain.SagaState;
import dev.prost.orders.domain.SagaTable;
import dev.prost.orders.domain.Step;
import dev.prost.orders.store.Orders;
import dev.prost.orders.store.Payments;
import dev.prost.orders.store.SagaJournal;
import dev.prost.orders.store.SagaJournal.Outcome;
import dev.prost.orders.store.SagaStates;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderCancelled;
import dev.prost.platform.events.OrderConfirmed;
import dev.prost.platform.events.OrderDelivered;
import dev.prost.platform.events.OrderFailed;
import dev.prost.platform.events.OrderPlaced;
import dev.prost.platform.events.OrderRefunded;
import dev.prost.platform.events.OrderShipped;
import dev.prost.platform.events.PaymentRefundRequested;
import dev.prost.platform.events.PaymentRequested;
import dev.prost.platform.events.StockLine;
import dev.prost.platform.events.StockReturnRequested;
import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.messaging.TransientFailure;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one input to one saga inside the caller's transaction (the consumer's, with its
 * inbox row, or the timeout sweeper's): read the saga, ask {@link SagaTable}, then write the
 * saga with a version check, the order's status, the journal and the outgoing events. Nothing
 * here decides what happens next; the table does.
 */
public final class SagaEngine {

  private static final Logger log = LoggerFactory.getLogger(SagaEngine.class);
  private static final String SERVICE = OrdersConfig.SERVICE;
  private static final String RELEASE_STOCK = "release stock";
  private static final String REFUND_PAYMENT = "refund payment";
  private static final String RETURN_STOCK = "return stock";

  /** Why an input happened, for the journal and for the outgoing events' metadata. */
  public record Cause(UUID eventId, EventEnvelope envelope) {
    public static Cause of(EventEnvelope envelope) {
      return new Cause(envelope.metadata().eventId(), envelope);
    }

    /** An input of the service's own (a deadline): its events start a new causation chain. */
    public static Cause internal() {
      return new Cause(null, null);
    }

    EventEnvelope wrap(UUID orderId, Event event) {
      return envelope == null ? EventEnvelope.first(SERVICE, orderId, event) : envelope.reply(SERVICE, event);
    }
  }

  private final SagaConfig config;
  private final Outbox outbox;
  private final Orders orders = new Orders();
  private final SagaStates sagas = new SagaStates();
  private final SagaJournal journal = new SagaJournal();
  private final Payments payments = new Payments();

  public SagaEngine(SagaConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
  }

  /**
   * Starts the saga of a checkout: the order, its lines and the saga row, then the first
   * transition. A checkout whose order exists already (the same checkout under a new event id)
   * is recorded and ignored.
   */
  public Future<Applied> start(SqlConnection conn, Cause cause, CartCheckoutInitiated checkout) {
    String problem;
    try {
      problem = CheckoutRules.problem(checkout);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    SagaInput input = problem == null ? SagaInput.CHECKOUT_INITIATED : SagaInput.CHECKOUT_REJECTED;
    Step.Transition first = (Step.Transition) SagaTable.next(SagaState.PENDING, input);
    UUID orderId = checkout.orderId();
    return orders.insert(conn, checkout, first.target(), problem == null).compose(inserted -> {
      if (!inserted) {
        return sagas.find(conn, orderId).compose(saga -> ignore(conn, cause, saga.orElseThrow(), input,
            new Step.Ignore("the order exists already")));
      }
      if (problem != null) {
        log.warn("checkout {} refused: {}", orderId, problem);
      }
      Saga pending = new Saga(SagaState.PENDING, 0, null, null, new OrderHeader(orderId, checkout.userId(),
          checkout.totalCents(), checkout.currency(), checkout.paymentToken()));
      return sagas.create(conn, orderId, first.target(), config.deadlineFor(first.target()).orElse(null))
          .compose(v -> orders.setStatus(conn, orderId, first.target(), problem))
          // the seed is part of the history: the order was PENDING before its first step
          .compose(v -> journal.input(conn, orderId, input, cause.eventId(), null, SagaState.PENDING, Outcome.APPLIED))
          .compose(v -> record(conn, cause, pending, input, first))
          .compose(v -> run(conn, cause, pending, first, problem))
          .compose(v -> sagas.find(conn, orderId))
          .map(created -> new Applied(orderId, input, null, first, problem, created.orElseThrow().startedAt()));
    });
  }

  /**
   * Applies {@code input} to the order's saga. {@code reason} is the failure reason the input
   * brings (a decline, a shortage), used if the step fails the order.
   */
  public Future<Applied> apply(SqlConnection conn, Cause cause, UUID orderId, SagaInput input, String reason) {
    return sagas.find(conn, orderId).compose(found -> {
      if (found.isEmpty()) {
        // nothing to record it against (the journal references the order): say so and move on
        log.warn("{} for unknown order {} ignored", input, orderId);
        return Future.succeededFuture(new Applied(orderId, input, null, new Step.Ignore("unknown order"), null,
            null));
      }
      return apply(conn, cause, found.get(), input, reason);
    });
  }

  /** The same, for a saga already read (and locked) by the caller, as the timeout sweeper does. */
  public Future<Applied> apply(SqlConnection conn, Cause cause, Saga saga, SagaInput input, String reason) {
    Step step = SagaTable.next(saga.state(), input);
    if (step instanceof Step.Ignore ignore) {
      return ignore(conn, cause, saga, input, ignore);
    }
    Step.Transition transition = (Step.Transition) step;
    String failure = failureReason(saga, input, transition, reason);
    return sagas.move(conn, saga.orderId(), saga.version(), transition.target(),
            config.deadlineFor(transition.target()).orElse(null))
        .compose(moved -> {
          if (!moved) {
            // a concurrent transition won; the retry reads the new state and decides again
            throw new TransientFailure("saga " + saga.orderId() + " moved concurrently from " + saga.state());
          }
          return orders.setStatus(conn, saga.orderId(), transition.target(), failure);
        })
        .compose(v -> record(conn, cause, saga, input, transition))
        .compose(v -> completeCompensation(conn, saga, input))
        .compose(v -> run(conn, cause, saga, transition, failure))
        .map(v -> new Applied(saga.orderId(), input, saga.state(), transition,
            failure == null ? saga.failureReason() : failure, saga.startedAt()));
  }

  private Future<Applied> ignore(SqlConnection conn, Cause cause, Saga saga, SagaInput input, Step.Ignore ignore) {
    log.info("{} for order {} ignored: {}", input, saga.orderId(), ignore.why());
    return journal.input(conn, saga.orderId(), input, cause.eventId(), saga.state(), saga.state(), Outcome.IGNORED)
        .map(v -> new Applied(saga.orderId(), input, saga.state(), ignore, saga.failureReason(), saga.startedAt()));
  }

  // one history row per state passed through, so PAYMENT_PROCESSED shows on the way to CONFIRMED
  private Future<Void> record(SqlConnection conn, Cause cause, Saga saga, SagaInput input, Step.Transition step) {
    Future<Void> chain = Future.succeededFuture();
    SagaState from = saga.state();
    for (SagaState to : step.path()) {
      SagaState previous = from;
      chain = chain.compose(v -> journal.input(conn, saga.orderId(), input, cause.eventId(), previous, to,
          Outcome.APPLIED));
      from = to;
    }
    return chain;
  }

  // the answer that ends a compensating step closes its log row(s)
  private Future<Void> completeCompensation(SqlConnection conn, Saga saga, SagaInput input) {
    return switch (input) {
      case STOCK_RELEASED -> journal.completed(conn, saga.orderId(), RELEASE_STOCK, "released (StockReleased)");
      case PAYMENT_REFUNDED -> journal.completed(conn, saga.orderId(), REFUND_PAYMENT, "refunded (PaymentRefunded)");
      case STOCK_RETURNED -> journal.completed(conn, saga.orderId(), RETURN_STOCK, "returned (StockReturned)");
      default -> Future.succeededFuture();
    };
  }

  private Future<Void> run(SqlConnection conn, Cause cause, Saga saga, Step.Transition step, String failure) {
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
          new OrderConfirmed(orderId, order.userId(),
              lines.stream().map(line -> new StockLine(line.productId(), line.quantity())).toList()))));
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
              new StockReturnRequested(orderId, lines.stream()
                  .map(line -> new StockLine(line.productId(), line.quantity())).toList()))))
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

  /**
   * The order's failure reason after the step: the input's own reason when it fails the order,
   * a timeout named after the state it hit, or null when the step fails nothing.
   */
  private static String failureReason(Saga saga, SagaInput input, Step.Transition step, String reason) {
    if (input == SagaInput.DEADLINE_PASSED) {
      return switch (saga.state()) {
        case CART_VALIDATED -> "reservation timeout";
        case INVENTORY_RESERVED -> "payment timeout";
        case COMPENSATING, CANCELLING_CHECKOUT -> saga.failureReason() == null ? "compensation timeout"
            : "compensation timeout (" + saga.failureReason() + ")";
        // a refund or a return waiting for its answer: the request is re-sent, nothing failed
        default -> null;
      };
    }
    return step.commands().contains(SagaCommand.FAIL_ORDER) || input == SagaInput.CANCEL_REQUESTED ? reason : null;
  }
}
