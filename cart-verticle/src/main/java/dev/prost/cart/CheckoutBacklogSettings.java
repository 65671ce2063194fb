package dev.prost.cart;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * When the cart refuses checkouts because the checkout saga is behind ({@link SagaBacklog}).
 *
 * @param maxBacklog {@code PROST_CHECKOUT_MAX_BACKLOG} (1s): the saga's work in flight, in seconds
 *     at its recent completion rate, past which a checkout is refused
 * @param floor {@code PROST_CHECKOUT_BACKLOG_FLOOR} (100): checkouts in flight at or under which
 *     none is refused, whatever the rate (a cold start has no completions yet)
 * @param refresh {@code PROST_CHECKOUT_BACKLOG_REFRESH} (250ms): how often the figures are read
 * @param window {@code PROST_CHECKOUT_BACKLOG_WINDOW} (5s): the completions the rate is measured
 *     over; a figure older than this is no figure, and every checkout is admitted
 * @param horizon {@code PROST_CHECKOUT_BACKLOG_HORIZON} (10m): a checkout in flight for longer is
 *     stuck (its outcome dead-lettered, say), not queued work, and is not counted
 */
public record CheckoutBacklogSettings(Duration maxBacklog, int floor, Duration refresh, Duration window,
    Duration horizon) {

  public CheckoutBacklogSettings {
    if (refresh.compareTo(window) > 0) {
      throw new ConfigException("PROST_CHECKOUT_BACKLOG_REFRESH",
          "must not exceed PROST_CHECKOUT_BACKLOG_WINDOW (" + window + "), was " + refresh);
    }
    if (horizon.compareTo(window) <= 0) {
      throw new ConfigException("PROST_CHECKOUT_BACKLOG_HORIZON",
          "must exceed PROST_CHECKOUT_BACKLOG_WINDOW (" + window + "), was " + horizon);
    }
  }

  public static CheckoutBacklogSettings from(Env env) {
    return new CheckoutBacklogSettings(
        env.duration("PROST_CHECKOUT_MAX_BACKLOG", Duration.ofSeconds(1)),
        env.integer("PROST_CHECKOUT_BACKLOG_FLOOR", 100, 0, 1_000_000),
        env.duration("PROST_CHECKOUT_BACKLOG_REFRESH", Duration.ofMillis(250)),
        env.duration("PROST_CHECKOUT_BACKLOG_WINDOW", Duration.ofSeconds(5)),
        env.duration("PROST_CHECKOUT_BACKLOG_HORIZON", Duration.ofMinutes(10)));
  }

  public static CheckoutBacklogSettings defaults() {
    return from(Env.of(Map.of()));
  }

  /** {@link #maxBacklog} in seconds. */
  public double maxSeconds() {
    return maxBacklog.toNanos() / 1e9;
  }
}
