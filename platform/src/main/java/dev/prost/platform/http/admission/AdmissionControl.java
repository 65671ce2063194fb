package dev.prost.platform.http.admission;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.prost.platform.http.HttpErrors;
import dev.prost.platform.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses requests at the door once a service is past its capacity, instead of queueing
 * them until everything is slow: one adaptive concurrency limit per {@link Lane}
 * (Netflix concurrency-limits' Gradient2, which lowers the limit while latency rises above
 * its long-run average and raises it while latency holds). A request over its lane's limit
 * is answered at once with 503 and {@code Retry-After}, before its body is validated or any
 * database work is done, so a refused request has changed nothing.
 *
 * <p>One instance per service, shared by all its HTTP verticles: the limiters are thread-safe.
 */
public final class AdmissionControl {

  private final AdmissionSettings settings;
  private final String retryAfter;
  private final Problem overloaded;
  private final Map<Lane, AbstractLimiter<Void>> limiters = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> refused = new EnumMap<>(Lane.class);

  private AdmissionControl(String service, AdmissionSettings settings, MeterRegistry registry) {
    this.settings = settings;
    this.retryAfter = Long.toString(settings.retryAfterSeconds());
    this.overloaded = Problem.of("overloaded", "Service overloaded", 503,
        service + " is at capacity and refused the request before doing anything; retry after "
            + retryAfter + " s");
    for (Lane lane : Lane.values()) {
      if (lane == Lane.UNLIMITED) {
        continue;
      }
      AbstractLimiter<Void> limiter = SimpleLimiter.newBuilder()
          .named(service + "-" + lane.tag())
          .limit(Gradient2Limit.newBuilder()
              .initialLimit(settings.initialLimit())
              .minLimit(settings.minLimit())
              .maxConcurrency(settings.maxLimit())
              .build())
          .build();
      limiters.put(lane, limiter);
      if (registry != null) {
        Gauge.builder("prost.admission.limit", limiter, AbstractLimiter::getLimit)
            .tags("service", service, "lane", lane.tag()).register(registry);
        Gauge.builder("prost.admission.inflight", limiter, AbstractLimiter::getInflight)
            .tags("service", service, "lane", lane.tag()).register(registry);
        refused.put(lane, Counter.builder("prost.admission.refused")
            .tags("service", service, "lane", lane.tag()).register(registry));
      }
    }
  }

  /** {@code registry} may be null (no meters). */
  public static AdmissionControl create(String service, AdmissionSettings settings, MeterRegistry registry) {
    return new AdmissionControl(service, settings, registry);
  }

  /** The first handler of an operation in {@code lane}: admits the request or refuses it. */
  public Handler<RoutingContext> gate(Lane lane) {
    AbstractLimiter<Void> limiter = limiters.get(lane);
    if (!settings.enabled() || limiter == null) {
      return RoutingContext::next;
    }
    return ctx -> {
      Optional<Limiter.Listener> admitted = limiter.acquire(null);
      if (admitted.isEmpty()) {
        Counter counter = refused.get(lane);
        if (counter != null) {
          counter.increment();
        }
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        HttpErrors.send(ctx, overloaded);
        return;
      }
      Limiter.Listener listener = admitted.get();
      ctx.addEndHandler(ended -> settle(listener, ended.succeeded(), ctx.response().getStatusCode()));
      ctx.next();
    };
  }

  /** The lane's current limit; for tests and the operator's view. */
  public int limit(Lane lane) {
    return limiters.get(lane).getLimit();
  }

  /**
   * A 503 of our own (a pool timeout, a dependency down) says the service is overloaded:
   * dropped, the limit shrinks. A reset connection says nothing about latency: ignored.
   * Everything else, 4xx included, is a latency sample.
   */
  private static void settle(Limiter.Listener listener, boolean written, int status) {
    if (!written) {
      listener.onIgnore();
    } else if (status == 503 || status == 504) {
      listener.onDropped();
    } else {
      listener.onSuccess();
    }
  }
}
