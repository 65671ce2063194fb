package dev.prost.platform.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A service's readiness checks (database, broker, Redis...), each a named async probe with
 * a timeout. {@code /health/live} only says the process answers; {@code /health/ready}
 * runs every check at once and answers 503 naming the ones that failed, with a short
 * reason and never a stack trace.
 * <pre>{@code
 * HealthChecks checks = HealthChecks.builder()
 *     .add("database", () -> pool.query("SELECT 1").execute().mapEmpty())
 *     .add("broker", Duration.ofSeconds(1), messaging::ping)
 *     .build();
 * }</pre>
 */
public final class HealthChecks {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_REASON = 200;

  private record Check(String name, Duration timeout, Supplier<Future<Void>> probe) {}

  private final List<Check> checks;

  private HealthChecks(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No checks: ready as soon as it is live. */
  public static HealthChecks none() {
    return new HealthChecks(List.of());
  }

  /**
   * Runs every check; completes (never fails) with
   * {@code {"status":"UP"|"DOWN","checks":{name:"UP"|"DOWN"},"reasons":{name:reason}}},
   * {@code reasons} holding the failed checks only.
   */
  public Future<JsonObject> ready() {
    List<Future<String>> outcomes = new ArrayList<>();
    for (Check check : checks) {
      outcomes.add(run(check));
    }
    return Future.join(outcomes).transform(ignored -> {
      JsonObject states = new JsonObject();
      JsonObject reasons = new JsonObject();
      for (int i = 0; i < checks.size(); i++) {
        String reason = outcomes.get(i).result();
        states.put(checks.get(i).name(), reason == null ? "UP" : "DOWN");
        if (reason != null) {
          reasons.put(checks.get(i).name(), reason);
        }
      }
      JsonObject report = new JsonObject().put("status", reasons.isEmpty() ? "UP" : "DOWN").put("checks", states);
      return Future.succeededFuture(reasons.isEmpty() ? report : report.put("reasons", reasons));
    });
  }

  /** {@code GET /health/live}: 200 {@code {"status":"UP"}} while the event loop answers. */
  public void live(RoutingContext ctx) {
    reply(ctx, 200, new JsonObject().put("status", "UP"));
  }

  /** {@code GET /health/ready}: 200 when every check passes, else 503. */
  public void ready(RoutingContext ctx) {
    ready().onSuccess(report -> reply(ctx, "UP".equals(report.getString("status")) ? 200 : 503, report));
  }

  /** Completes with null when the check passed, else with the reason it did not. */
  private static Future<String> run(Check check) {
    Future<Void> probe;
    try {
      probe = check.probe().get();
    } catch (RuntimeException e) {
      probe = Future.failedFuture(e);
    }
    return probe
        .timeout(check.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .transform(ar -> Future.succeededFuture(ar.succeeded() ? null : reason(ar.cause(), check.timeout())));
  }

  private static String reason(Throwable failure, Duration timeout) {
    if (failure instanceof TimeoutException) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    String message = failure == null || failure.getMessage() == null || failure.getMessage().isBlank()
        ? (failure == null ? "failed" : failure.getClass().getSimpleName())
        : failure.getMessage().lines().findFirst().orElse("").strip();
    return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...";
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  /** Collects named checks; names keep their insertion order in the report. */
  public static final class Builder {

    private final Map<String, Check> checks = new LinkedHashMap<>();

    private Builder() {}

    /** A check with the default 2 s timeout. */
    public Builder add(String name, Supplier<Future<Void>> probe) {
      return add(name, DEFAULT_TIMEOUT, probe);
    }

    public Builder add(String name, Duration timeout, Supplier<Future<Void>> probe) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("health check " + name + ": timeout must be positive");
      }
      if (checks.putIfAbsent(name, new Check(name, timeout, probe)) != null) {
        throw new IllegalArgumentException("health check " + name + " added twice");
      }
      return this;
    }

    public HealthChecks build() {
      return new HealthChecks(new ArrayList<>(checks.values()));
    }
  }
}
