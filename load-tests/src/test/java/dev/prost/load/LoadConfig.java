package dev.prost.load;

import java.time.Duration;

/**
 * The parameters of a run. Each comes from the system property {@code prost.load.rate} (for
 * example {@code -Dprost.load.rate=150}), else the environment variable {@code PROST_LOAD_RATE},
 * else a default; the service URLs the same way ({@code PROST_BASE_URL}, the public port or
 * HAProxy's, and optional per-service overrides for a system run without it).
 */
record LoadConfig(
    String usersUrl, String catalogUrl, String cartUrl,
    double rate, Duration ramp, Duration duration,
    int products, int customers, long stock, double declineRatio,
    Duration pollInterval, int statusWaitSeconds, Duration sagaTimeout,
    double maxErrorPercent, int browseP99Millis, int checkoutP99Millis,
    String adminEmail, String adminPassword) {

  /** Reads the run's parameters; {@code defaultRate} is the simulation's own arrivals per second. */
  static LoadConfig load(double defaultRate) {
    String base = trimSlash(param("PROST_BASE_URL", "http://127.0.0.1:8080"));
    return new LoadConfig(
        trimSlash(param("PROST_USERS_URL", base)),
        trimSlash(param("PROST_CATALOG_URL", base)),
        trimSlash(param("PROST_CART_URL", base)),
        Double.parseDouble(param("PROST_LOAD_RATE", Double.toString(defaultRate))),
        seconds("PROST_LOAD_RAMP", 10),
        seconds("PROST_LOAD_DURATION", 60),
        Integer.parseInt(param("PROST_LOAD_PRODUCTS", "100")),
        Integer.parseInt(param("PROST_LOAD_CUSTOMERS", "500")),
        Long.parseLong(param("PROST_LOAD_STOCK", "1000000")),
        Double.parseDouble(param("PROST_LOAD_DECLINE_RATIO", "0.02")),
        Duration.ofMillis(Long.parseLong(param("PROST_LOAD_POLL_MILLIS", "50"))),
        Integer.parseInt(param("PROST_LOAD_STATUS_WAIT", "8")),
        seconds("PROST_LOAD_SAGA_TIMEOUT", 30),
        Double.parseDouble(param("PROST_LOAD_MAX_ERROR_PERCENT", "1")),
        Integer.parseInt(param("PROST_LOAD_BROWSE_P99_MILLIS", "20")),
        Integer.parseInt(param("PROST_LOAD_CHECKOUT_P99_MILLIS", "500")),
        param("PROST_ADMIN_EMAIL", "admin@example.com"),
        param("PROST_ADMIN_PASSWORD", "load-test-admin-password"));
  }

  /** {@code PROST_LOAD_RATE} is read as the property {@code prost.load.rate}, then the variable. */
  static String param(String variable, String fallback) {
    String property = System.getProperty(variable.toLowerCase().replace('_', '.'));
    if (property != null && !property.isBlank()) {
      return property;
    }
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Duration seconds(String variable, long fallback) {
    return Duration.ofSeconds(Long.parseLong(param(variable, Long.toString(fallback))));
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
