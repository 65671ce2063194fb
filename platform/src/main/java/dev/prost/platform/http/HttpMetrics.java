package dev.prost.platform.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.time.Duration;

/**
 * Times every request into {@code prost.http.requests} tagged with service, method,
 * route and status. The route is the contract's path template ({@code /api/things/{id}}),
 * the path of a fixed route ({@code /health/ready}) or {@code unmatched}, never the raw
 * path, so ids and probes for random URLs cannot blow up the number of series.
 */
final class HttpMetrics implements PlatformHandler {

  private final MeterRegistry registry;
  private final String service;
  private final OpenAPIContract contract;
  // registering looks the meter up by name and tags; one map lookup per request instead
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  HttpMetrics(MeterRegistry registry, String service, OpenAPIContract contract) {
    this.registry = registry;
    this.service = service;
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> timer(ctx.request().method().name(), routeOf(ctx), ctx.response().getStatusCode())
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    ctx.next();
  }

  private Timer timer(String method, String route, int status) {
    return timers.computeIfAbsent(method + ' ' + route + ' ' + status, key -> Timer.builder("prost.http.requests")
        .tags("service", service, "method", method, "route", route, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry));
  }

  private String routeOf(RoutingContext ctx) {
    Operation operation = ctx.get(ContractRequestExtractor.OPERATION);
    if (operation == null) {
      // a request that failed before validation (too large, say) still belongs to its operation
      operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    }
    if (operation != null) {
      return operation.getOpenAPIPath();
    }
    Route route = ctx.currentRoute();
    return !ctx.failed() && route != null && route.getPath() != null ? route.getPath() : "unmatched";
  }
}
