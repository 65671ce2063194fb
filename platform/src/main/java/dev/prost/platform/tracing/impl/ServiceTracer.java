package dev.prost.platform.tracing.impl;

import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one {@link VertxTracer} of a Vert.x instance, handing each HTTP or SQL operation to
 * vertx-opentelemetry's tracer of the service the operation's context works for
 * ({@link Tracing#serviceOf}), or of the process when it works for none. Vert.x closes it
 * with the instance, which closes the exporters.
 */
public final class ServiceTracer implements VertxTracer<ServiceTracer.Operation, ServiceTracer.Operation> {

  /** What the chosen tracer answered, and the tracer, to end it with. */
  record Operation(VertxTracer<Object, Object> tracer, Object payload) {}

  private final SdkTracing tracing;
  private final String process;
  private final Map<String, VertxTracer<Object, Object>> tracers = new ConcurrentHashMap<>();

  private ServiceTracer(SdkTracing tracing, String process) {
    this.tracing = tracing;
    this.process = process;
  }

  /** A Vert.x instance whose HTTP servers and SQL clients make spans with {@code tracing}. */
  public static Vertx vertx(Tracing tracing, String process) {
    VertxOptions options = new VertxOptions();
    VertxBuilder builder = Vertx.builder();
    install(tracing, process, builder, options);
    return builder.with(options).build();
  }

  /** Makes a Vert.x about to be built trace its HTTP servers and SQL clients with {@code tracing}. */
  public static void install(Tracing tracing, String process, VertxBuilder builder, VertxOptions options) {
    ServiceTracer tracer = new ServiceTracer((SdkTracing) tracing, process);
    VertxTracerFactory factory = opts -> tracer;
    options.setTracingOptions(new OpenTelemetryOptions());
    builder.withTracer(factory);
  }

  public Tracing tracing() {
    return tracing;
  }

  @Override
  public <R> Operation receiveRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
      Iterable<Map.Entry<String, String>> headers, TagExtractor<R> tagExtractor) {
    return start(context, tracer -> tracer.receiveRequest(context, kind, policy, request, operation, headers,
        tagExtractor));
  }

  @Override
  public <R> void sendResponse(Context context, R response, Operation payload, Throwable failure,
      TagExtractor<R> tagExtractor) {
    end(payload, (tracer, span) -> tracer.sendResponse(context, response, span, failure, tagExtractor));
  }

  @Override
  public <R> Operation sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
      BiConsumer<String, String> headers, TagExtractor<R> tagExtractor) {
    return start(context, tracer -> tracer.sendRequest(context, kind, policy, request, operation, headers,
        tagExtractor));
  }

  @Override
  public <R> void receiveResponse(Context context, R response, Operation payload, Throwable failure,
      TagExtractor<R> tagExtractor) {
    end(payload, (tracer, span) -> tracer.receiveResponse(context, response, span, failure, tagExtractor));
  }

  @Override
  public void close() {
    tracing.close();
  }

  // the context's service's tracer begins the operation; the Operation keeps it for the end
  private Operation start(Context context, Function<VertxTracer<Object, Object>, Object> begin) {
    VertxTracer<Object, Object> tracer = tracerOf(context);
    Object payload = begin.apply(tracer);
    return payload == null ? null : new Operation(tracer, payload);
  }

  private static void end(Operation operation, BiConsumer<VertxTracer<Object, Object>, Object> finish) {
    if (operation != null) {
      finish.accept(operation.tracer(), operation.payload());
    }
  }

  private VertxTracer<Object, Object> tracerOf(Context context) {
    String service = context == null ? null : Tracing.serviceOf(context);
    return tracers.computeIfAbsent(service == null ? process : service, this::create);
  }

  @SuppressWarnings("unchecked")
  private VertxTracer<Object, Object> create(String service) {
    return (VertxTracer<Object, Object>) new OpenTelemetryTracingFactory(tracing.openTelemetry(service))
        .tracer(new OpenTelemetryOptions());
  }
}
