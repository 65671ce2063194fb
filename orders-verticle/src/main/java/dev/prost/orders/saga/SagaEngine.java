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
import dev.prost.orders.store.SagaJournal;
import dev.prost.orders.store.SagaJournal.Outcome;
import dev.prost.orders.store.SagaStates;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.PipelinedSteps;
import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.messaging.TransientFailure;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one input to one saga inside the caller's transaction (the consumer's, with its
 * inbox row, or the timeout sweeper's): read the saga, ask {@link SagaTable}, then write the
 * saga with a version check, the order's status and the journal, and hand the step's commands
 * (the outgoing events, the compensation log) to {@link SagaCommands}. Nothing here decides
 * what happens next; the table does.
 */
public final class SagaEngine {

  private static final Logger log = LoggerFactory.getLogger(SagaEngine.class);
  private static final String SERVICE = OrdersConfig.SERVICE;

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
  private final SagaCommands commands;
  private final Orders orders = new Orders();
  private final SagaStates sagas = new SagaStates();
  private final SagaJournal journal = new SagaJournal();

  public SagaEngine(SagaConfig config, Outbox outbox) {
    this.config = config;
    this.commands = new SagaCommands(config, outbox);
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
      // independent writes, started together: no round trip between them (PipelinedSteps)
      return PipelinedSteps.run(
              () -> sagas.create(conn, orderId, first.target(), config.deadlineFor(first.target()).orElse(null)),
              () -> orders.setStatus(conn, orderId, first.target(), problem),
              // the seed is part of the history: the order was PENDING before its first step
              () -> journal.input(conn, orderId, input, cause.eventId(), null, SagaState.PENDING, Outcome.APPLIED)
                  .compose(v -> record(conn, cause, pending, input, first)),
              () -> commands.run(conn, cause, pending, first, problem))
          .map(results -> new Applied(orderId, input, null, first, problem, (OffsetDateTime) results.get(0)));
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
          // independent writes, started together: no round trip between them (PipelinedSteps)
          return PipelinedSteps.run(
              () -> orders.setStatus(conn, saga.orderId(), transition.target(), failure),
              () -> record(conn, cause, saga, input, transition),
              // before the step's commands, which may open a new row for the same action
              () -> commands.completeCompensation(conn, saga, input),
              () -> commands.run(conn, cause, saga, transition, failure));
        })
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
