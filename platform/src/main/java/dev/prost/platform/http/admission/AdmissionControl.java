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
import java.util.List;
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
 * <p>An operation may also have {@link AdmissionCheck checks} of its own (the checkout's saga
 * backlog, say): a request one of them refuses is answered the same way, before it takes a place
 * in its lane. Refusals are counted by lane and cause ({@code limit}, or the check's name).
 *
 * <p>One instance per service, shared by all its HTTP verticles: the limiters are thread-safe.
 */
public final class AdmissionControl {

  private static final String LIMIT = "limit";

  private final String service;
  private final AdmissionSettings settings;
  private final MeterRegistry registry;
  private final String retryAfter;
  private final Problem overloaded;
  private final Map<Lane, AbstractLimiter<Void>> limiters = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> refused = new EnumMap<>(Lane.class);

  private AdmissionControl(String service, AdmissionSettings settings, MeterRegistry registry) {
    this.service = service;
    this.settings = settings;
    this.registry = registry;
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
        refused.put(lane, refusals(lane, LIMIT));
      }
    }
  }

  /** {@code registry} may be null (no meters). */
  public static AdmissionControl create(String service, AdmissionSettings settings, MeterRegistry registry) {
    return new AdmissionControl(service, settings, registry);
  }

  /** The first handler of an operation in {@code lane}: admits the request or refuses it. */
  public Handler<RoutingContext> gate(Lane lane) {
    return gate(lane, List.of());
  }

  /**
   * The first handler of an operation in {@code lane} with {@code checks} of its own: a request
   * is refused when a check says no (asked first, in order) or when its lane is full.
   */
  public Handler<RoutingContext> gate(Lane lane, List<AdmissionCheck> checks) {
    AbstractLimiter<Void> limiter = limiters.get(lane);
    if (!settings.enabled() || (limiter == null && checks.isEmpty())) {
      return RoutingContext::next;
    }
    AdmissionCheck[] ordered = checks.toArray(AdmissionCheck[]::new);
    Counter[] checkRefusals = checks.stream().map(check -> refusals(lane, check.name())).toArray(Counter[]::new);
    Counter limitRefusals = refused.get(lane);
    return ctx -> {
      for (int i = 0; i < ordered.length; i++) {
        if (!ordered[i].admits()) {
          refuse(ctx, checkRefusals[i]);
          return;
        }
      }
      if (limiter == null) {
        ctx.next();
        return;
      }
      Optional<Limiter.Listener> admitted = limiter.acquire(null);
      if (admitted.isEmpty()) {
        refuse(ctx, limitRefusals);
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

  private void refuse(RoutingContext ctx, Counter counter) {
    if (counter != null) {
      counter.increment();
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
    HttpErrors.send(ctx, overloaded);
  }

  /** The refusals of {@code lane} for {@code cause}; null without a registry. */
  private Counter refusals(Lane lane, String cause) {
    return registry == null ? null : Counter.builder("prost.admission.refused")
        .description("requests refused with 503 overloaded, by lane and cause (limit: the lane's limit)")
        .tags("service", service, "lane", lane.tag(), "cause", cause).register(registry);
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
