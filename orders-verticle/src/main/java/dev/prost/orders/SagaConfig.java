package dev.prost.orders;

import dev.prost.orders.domain.SagaState;
import dev.prost.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long a saga may stay in each waiting state, and how the timeout verticle looks for
 * sagas that stayed too long. Catalog holds a reservation for {@code PROST_RESERVATION_TTL}
 * (10 min), far longer than a saga may wait, so held stock never expires under a live saga.
 *
 * @param reservationTimeout {@code PROST_SAGA_RESERVATION_TIMEOUT} (30s): CART_VALIDATED → stock answer
 * @param paymentTimeout {@code PROST_SAGA_PAYMENT_TIMEOUT} (30s): INVENTORY_RESERVED → payment answer
 * @param compensationTimeout {@code PROST_SAGA_COMPENSATION_TIMEOUT} (60s): COMPENSATING or
 *     CANCELLING_CHECKOUT → StockReleased
 * @param returnTimeout {@code PROST_SAGA_RETURN_TIMEOUT} (30s): a refund or a stock return after
 *     confirmation → its answer; when it passes, the request is sent again
 * @param sweepInterval {@code PROST_SAGA_SWEEP_INTERVAL} (1s): time between looks for overdue sagas
 * @param sweepBatchSize {@code PROST_SAGA_SWEEP_BATCH} (100): sagas claimed per transaction
 */
public record SagaConfig(
    Duration reservationTimeout,
    Duration paymentTimeout,
    Duration compensationTimeout,
    Duration returnTimeout,
    Duration sweepInterval,
    int sweepBatchSize) {

  public static SagaConfig from(Env env) {
    return new SagaConfig(
        env.duration("PROST_SAGA_RESERVATION_TIMEOUT", Duration.ofSeconds(30)),
        env.duration("PROST_SAGA_PAYMENT_TIMEOUT", Duration.ofSeconds(30)),
        env.duration("PROST_SAGA_COMPENSATION_TIMEOUT", Duration.ofSeconds(60)),
        env.duration("PROST_SAGA_RETURN_TIMEOUT", Duration.ofSeconds(30)),
        env.duration("PROST_SAGA_SWEEP_INTERVAL", Duration.ofSeconds(1)),
        env.integer("PROST_SAGA_SWEEP_BATCH", 100, 1, 10_000));
  }

  public static SagaConfig defaults() {
    return from(Env.of(Map.of()));
  }

  /** How long a saga may stay in {@code state}; empty for states it never waits in. */
  public Optional<Duration> deadlineFor(SagaState state) {
    return switch (state) {
      case CART_VALIDATED -> Optional.of(reservationTimeout);
      case INVENTORY_RESERVED -> Optional.of(paymentTimeout);
      case COMPENSATING, CANCELLING_CHECKOUT -> Optional.of(compensationTimeout);
      case CANCELLING, CANCELLING_RESTOCK, REFUNDING, REFUNDING_RESTOCK, RESTOCKING -> Optional.of(returnTimeout);
      case PENDING, PAYMENT_PROCESSED, CONFIRMED, FAILED, CANCELLED, SHIPPED, DELIVERED, REFUNDED -> Optional.empty();
    };
  }
}
