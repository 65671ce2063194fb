package dev.prost.launcher.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code prost.gateway.requests} tagged with the upstream it went
 * to ({@code none} for what the gateway answered itself: 404, 413, health), method and
 * status, so a service that is slow or unreachable shows up by name.
 */
final class GatewayMetrics implements PlatformHandler {

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> {
      String upstream = ctx.get(Upstream.KEY, "none");
      timer(upstream, ctx.request().method().name(), ctx.response().getStatusCode())
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }

  private Timer timer(String upstream, String method, int status) {
    return timers.computeIfAbsent(upstream + ' ' + method + ' ' + status, key -> Timer.builder("prost.gateway.requests")
        .tags("upstream", upstream, "method", method, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry));
  }
}
