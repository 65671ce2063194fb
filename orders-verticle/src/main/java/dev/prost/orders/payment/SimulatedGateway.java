package dev.prost.orders.payment;

import dev.prost.orders.PaymentConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a payment provider, for development, tests and load runs. It answers after
 * {@code PROST_PAYMENT_LATENCY}, declines a share {@code PROST_PAYMENT_DECLINE_RATE} of ordinary
 * tokens at random, always declines {@code tok_decline} and never answers {@code tok_timeout}.
 * It keeps its charges in memory, per order, like a provider's idempotency keys, and counts
 * every charge call and every refund so tests can see that an order was charged, and refunded,
 * at most once.
 */
public final class SimulatedGateway implements PaymentGateway {

  public static final String DECLINE = "tok_decline";
  public static final String TIMEOUT = "tok_timeout";

  private final Vertx vertx;
  private final PaymentConfig config;
  private final Map<UUID, String> charged = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> refunds = new ConcurrentHashMap<>();

  public SimulatedGateway(Vertx vertx, PaymentConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  @Override
  public Future<Result> charge(Charge charge) {
    calls.computeIfAbsent(charge.orderId(), id -> new AtomicInteger()).incrementAndGet();
    if (TIMEOUT.equals(charge.paymentToken())) {
      return Promise.<Result>promise().future();
    }
    Promise<Result> answer = Promise.promise();
    vertx.setTimer(config.latency().toMillis(), id -> answer.complete(decide(charge)));
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
  public Future<Boolean> refund(UUID orderId) {
    boolean returned = charged.remove(orderId) != null;
    if (returned) {
      refunds.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
    }
    return Future.succeededFuture(returned);
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
