package dev.prost.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One Prometheus registry per process, shared by every service the process runs: Vert.x's own
 * meters ({@code vertx_http_server_*}, {@code vertx_http_client_*}, {@code vertx_pool_*},
 * {@code vertx_eventbus_*}, {@code netty_eventexecutor_tasks_pending} for the event loops),
 * Micrometer's JVM and process binders ({@code jvm_*}, {@code process_*}, {@code system_cpu_*})
 * and every service's {@code prost_*} meters, all on each service's {@code /metrics}.
 *
 * <p>Vert.x's meters know a server only by its address; a service that {@link #nameServer names
 * its port} has its HTTP server meters tagged {@code service}, so the four services of an
 * embedded process can be told apart; a request whose path {@link #routeByPath belongs to a
 * service} is tagged with it whichever port took it (the embedded entry point's). Every meter
 * with an address gets the tag ({@code none} when unnamed): Prometheus wants one set of tag
 * keys per meter name. Prost's own meters carry the tag already.
 *
 * <p>A Vert.x built elsewhere (most tests) has no process registry: each service then keeps a
 * registry of its own with its {@code prost_*} meters only.
 */
public final class ProcessMetrics {

  // labels that stay bounded: no REMOTE (a server's client addresses) and no HTTP_PATH (raw paths)
  private static final EnumSet<Label> LABELS = EnumSet.of(Label.LOCAL, Label.HTTP_METHOD, Label.HTTP_CODE,
      Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE, Label.EB_FAILURE, Label.CLIENT_NAME,
      Label.NAMESPACE);
  private static final Map<Vertx, ProcessMetrics> BY_VERTX = Collections.synchronizedMap(new WeakHashMap<>());

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, String> serviceByPort = new ConcurrentHashMap<>();
  private volatile Function<String, Optional<String>> serviceOfPath = path -> Optional.empty();

  private ProcessMetrics() {
    registry.config().meterFilter(new ServiceTag()).meterFilter(new HttpHistograms());
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** A Vert.x with its metrics on, reporting into a new process registry ({@link #registryOf}). */
  public static Vertx vertx() {
    VertxOptions options = new VertxOptions();
    VertxBuilder builder = Vertx.builder();
    ProcessMetrics metrics = install(builder, options);
    return metrics.attach(builder.with(options).build());
  }

  /**
   * Switches the metrics on in a Vert.x about to be built (which may get other SPIs, a tracer
   * say); the instance built is then handed to {@link #attach}.
   */
  public static ProcessMetrics install(VertxBuilder builder, VertxOptions options) {
    ProcessMetrics metrics = new ProcessMetrics();
    options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setLabels(LABELS)
        .setNettyMetricsEnabled(true)
        .setServerRequestTagsProvider(request -> metrics.serviceOfPath.apply(pathOf(request.uri()))
            .map(service -> List.of(Tag.of("service", service))).orElse(List.of())));
    builder.withMetrics(new MicrometerMetricsFactory(metrics.registry));
    return metrics;
  }

  /** Makes this the process registry of {@code vertx}, built with {@link #install}; answers it. */
  public Vertx attach(Vertx vertx) {
    BY_VERTX.put(vertx, this);
    return vertx;
  }

  /** The process registry of a Vert.x made by {@link #vertx()}; empty for any other. */
  public static Optional<PrometheusMeterRegistry> registryOf(Vertx vertx) {
    return Optional.ofNullable(BY_VERTX.get(vertx)).map(metrics -> metrics.registry);
  }

  /** Tags the requests whose path {@code serviceOfPath} maps to a service with it, whatever port took them. */
  public static void routeByPath(Vertx vertx, Function<String, Optional<String>> serviceOfPath) {
    ProcessMetrics metrics = BY_VERTX.get(vertx);
    if (metrics != null) {
      metrics.serviceOfPath = serviceOfPath;
    }
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  /** Tags the Vert.x meters of the HTTP server on {@code port} with {@code service}. */
  public static void nameServer(Vertx vertx, int port, String service) {
    ProcessMetrics metrics = BY_VERTX.get(vertx);
    if (metrics != null) {
      metrics.serviceByPort.put(Integer.toString(port), service);
    }
  }

  /** Histogram buckets for Vert.x's HTTP response times, so dashboards can show a p99 per service. */
  private static final class HttpHistograms implements MeterFilter {
    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
      String name = id.getName().replace('_', '.');
      if (!name.startsWith("vertx.http.") || !name.endsWith(".response.time")) {
        return config;
      }
      return DistributionStatisticConfig.builder()
          .percentilesHistogram(true)
          .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
          .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
          .build()
          .merge(config);
    }
  }

  /** Adds {@code service} to a meter whose {@code local} address is a named server's. */
  private final class ServiceTag implements MeterFilter {
    @Override
    public Meter.Id map(Meter.Id id) {
      String local = id.getTag("local");
      if (local == null || id.getTag("service") != null) {
        return id;
      }
      String service = serviceByPort.getOrDefault(local.substring(local.lastIndexOf(':') + 1), "none");
      return id.withTags(List.of(Tag.of("service", service)));
    }
  }
}
