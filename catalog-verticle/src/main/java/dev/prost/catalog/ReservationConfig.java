package dev.prost.catalog;

import dev.prost.platform.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * How long stock stays held for an order and how the sweeper gives back what was held too long.
 *
 * @param ttl {@code PROST_RESERVATION_TTL} (10m): a reservation's lifetime before the sweeper expires it
 * @param sweepInterval {@code PROST_RESERVATION_SWEEP_INTERVAL} (30s): time between sweeps
 * @param sweepBatchSize {@code PROST_RESERVATION_SWEEP_BATCH} (100): reservation rows claimed per transaction
 * @param failedOrderRetention {@code PROST_FAILED_ORDER_RETENTION} (7d, the inbox's default): how long
 *     the sweeper keeps the record of an order's OrderFailed, which makes a late OrderPlaced of
 *     that order reserve nothing. Keep it at least {@code PROST_INBOX_RETENTION}: a later copy
 *     would reserve stock that only the reservation's own deadline gives back.
 */
public record ReservationConfig(Duration ttl, Duration sweepInterval, int sweepBatchSize,
    Duration failedOrderRetention) {

  public static ReservationConfig from(Env env) {
    return new ReservationConfig(
        env.duration("PROST_RESERVATION_TTL", Duration.ofMinutes(10)),
        env.duration("PROST_RESERVATION_SWEEP_INTERVAL", Duration.ofSeconds(30)),
        env.integer("PROST_RESERVATION_SWEEP_BATCH", 100, 1, 10_000),
        env.duration("PROST_FAILED_ORDER_RETENTION", Duration.ofDays(7)));
  }

  public static ReservationConfig defaults() {
    return from(Env.of(Map.of()));
  }
}
