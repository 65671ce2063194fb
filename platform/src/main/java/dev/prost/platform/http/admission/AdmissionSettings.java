package dev.prost.platform.http.admission;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.time.Duration;

/**
 * How a service refuses work past its capacity: each lane's concurrency limit starts at
 * {@code initialLimit} and adapts between {@code minLimit} and {@code maxLimit} with the
 * latency it measures; a refused request is told to come back after {@code retryAfter}.
 */
public record AdmissionSettings(boolean enabled, int initialLimit, int minLimit, int maxLimit, Duration retryAfter) {

  public AdmissionSettings {
    if (minLimit > initialLimit || initialLimit > maxLimit) {
      throw new ConfigException("PROST_ADMISSION_INITIAL_LIMIT", "must lie between PROST_ADMISSION_MIN_LIMIT ("
          + minLimit + ") and PROST_ADMISSION_MAX_LIMIT (" + maxLimit + "), was " + initialLimit);
    }
  }

  /**
   * {@code PROST_ADMISSION} (on), {@code PROST_ADMISSION_INITIAL_LIMIT} (64),
   * {@code PROST_ADMISSION_MIN_LIMIT} (32), {@code PROST_ADMISSION_MAX_LIMIT} (512),
   * {@code PROST_ADMISSION_RETRY_AFTER} (1s).
   */
  public static AdmissionSettings from(Env env) {
    return new AdmissionSettings(
        env.bool("PROST_ADMISSION", true),
        env.integer("PROST_ADMISSION_INITIAL_LIMIT", 64, 1, 100_000),
        env.integer("PROST_ADMISSION_MIN_LIMIT", 32, 1, 100_000),
        env.integer("PROST_ADMISSION_MAX_LIMIT", 512, 1, 100_000),
        env.duration("PROST_ADMISSION_RETRY_AFTER", Duration.ofSeconds(1)));
  }

  /** The defaults, for routers built without an environment (tests, tools). */
  public static AdmissionSettings defaults() {
    return from(Env.of(java.util.Map.of()));
  }

  /** Whole seconds for a {@code Retry-After} header, at least one. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
