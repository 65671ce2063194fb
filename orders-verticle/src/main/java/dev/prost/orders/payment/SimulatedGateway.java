package dev.prost.orders.payment;

import dev.prost.orders.PaymentConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a payment provider, for development, tests and load runs. It answers after
 * {@code PROST_PAYMENT_LATENCY}, declines a share {@code PROST_PAYMENT_DECLINE_RATE} of ordinary
 * tokens at random, always declines {@code tok_decline} and never answers {@code tok_timeout}.
 * The first {@code PROST_PAYMENT_REFUND_UNANSWERED} refund calls return the money but never
 * answer, as if the answer were lost. It keeps its charges and refunds in memory, per order,
 * like a provider's idempotency keys (a refund asked again answers its first reference); a
 * refund of a charge it does not hold (made by another instance, or before a restart) is made
 * on the charge's recorded reference, and a refund's reference follows from its charge's, so
 * instances agree as one provider would. It counts every charge call and every refund so tests
 * can see that an order was charged, and refunded, at most once. Tests may also hold charge
 * answers ({@link #holdCharges}) and release them one order at a time.
 */
public final class SimulatedGateway implements PaymentGateway {

  public static final String DECLINE = "tok_decline";
  public static final String TIMEOUT = "tok_timeout";

  private final Vertx vertx;
  private final PaymentConfig config;
  private final Map<UUID, String> charged = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> refunds = new ConcurrentHashMap<>();
  private final Map<UUID, String> refundReferences = new ConcurrentHashMap<>();
  private final Map<UUID, Runnable> held = new ConcurrentHashMap<>();
  private final AtomicInteger refundsLeftUnanswered;
  private volatile boolean holding;

  public SimulatedGateway(Vertx vertx, PaymentConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.refundsLeftUnanswered = new AtomicInteger(config.refundsUnanswered());
  }

  @Override
  public Future<Result> charge(Charge charge) {
    calls.computeIfAbsent(charge.orderId(), id -> new AtomicInteger()).incrementAndGet();
    if (TIMEOUT.equals(charge.paymentToken())) {
      return Promise.<Result>promise().future();
    }
    Promise<Result> answer = Promise.promise();
    if (holding) {
      held.put(charge.orderId(), () -> answer.complete(decide(charge)));
    } else {
      vertx.setTimer(config.latency().toMillis(), id -> answer.complete(decide(charge)));
    }
    return answer.future();
  }

  private Result decide(Charge charge) {
    if (DECLINE.equals(charge.paymentToken())) {
      return Result.declined("card declined");
    }
    if (config.declineRate() > 0 && ThreadLocalRandom.current().nextDouble() < config.declineRate()) {
      return Result.declined("card declined (simulated rate)");
    }
    return Result.approved(charged.computeIfAbsent(charge.orderId(), id -> "sim_" + UUID.randomUUID()));
  }

  @Override
  public Future<Optional<String>> refund(UUID orderId, Optional<String> chargeReference) {
    Optional<String> reference = Optional.ofNullable(refundReferences.computeIfAbsent(orderId, id -> {
      // a charge this process did not make (another instance made it, or this one before a
      // restart) is known by its reference, as one provider behind every instance would know it
      String charge = Optional.ofNullable(charged.remove(id)).or(() -> chargeReference).orElse(null);
      if (charge == null) {
        return null;
      }
      refunds.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      // the refund's reference follows from the charge's: every instance answers the same one
      return "re_" + charge;
    }));
    if (refundsLeftUnanswered.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Promise.<Optional<String>>promise().future();
    }
    return Future.succeededFuture(reference);
  }

  /** Tests: from now on every charge's answer waits until {@link #release} (or {@code false}: as usual). */
  public void holdCharges(boolean hold) {
    holding = hold;
  }

  /** Whether a charge of the order was made and its answer is held. */
  public boolean holdsAnswer(UUID orderId) {
    return held.containsKey(orderId);
  }

  /** Lets the order's held charge answer (charged, unless its token declines). */
  public void release(UUID orderId) {
    Runnable answer = held.remove(orderId);
    if (answer != null) {
      vertx.runOnContext(v -> answer.run());
    }
  }

  /** How many times money went back for the order (1 at most, unless something is wrong). */
  public int refunds(UUID orderId) {
    AtomicInteger n = refunds.get(orderId);
    return n == null ? 0 : n.get();
  }

  /** How many times {@link #charge} was called for the order. */
  public int chargeCalls(UUID orderId) {
    AtomicInteger n = calls.get(orderId);
    return n == null ? 0 : n.get();
  }

  /** Whether the order holds a charge that was not refunded. */
  public boolean holdsCharge(UUID orderId) {
    return charged.containsKey(orderId);
  }
}
