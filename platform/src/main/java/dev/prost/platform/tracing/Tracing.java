package dev.prost.platform.tracing;

import dev.prost.platform.config.Env;
import dev.prost.platform.logging.VertxContexts;
import dev.prost.platform.tracing.impl.SdkTracing;
import dev.prost.platform.tracing.impl.ServiceTracer;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

/**
 * OpenTelemetry tracing, configured by the standard {@code OTEL_*} variables through the SDK's
 * autoconfiguration, and off unless {@code OTEL_TRACES_EXPORTER} is set ({@code otlp},
 * {@code zipkin}, or {@code none}: spans and trace ids without an exporter). Every Prost
 * service has a tracer of its own, whose spans carry {@code service.name} = the service,
 * so several services in one JVM still show as themselves.
 *
 * <p>A Vert.x instance built by {@link #vertx} traces HTTP servers and SQL clients through
 * Vert.x's tracing SPI; a span belongs to the service whose deployment runs it
 * ({@link #deployment}), or which marked its context ({@link #markService}).
 */
public interface Tracing {

  /** The deployment config key naming the service whose spans a verticle's contexts make. */
  String SERVICE_KEY = "prost.service";

  /** Tracing as {@code env} configures it: off without {@code OTEL_TRACES_EXPORTER} or with {@code OTEL_SDK_DISABLED=true}. */
  static Tracing create(Env env) {
    return SdkTracing.enabled(env) ? new SdkTracing(env) : SdkTracing.OFF;
  }

  /** No tracing: every tracer is OpenTelemetry's no-op one, nothing is recorded or exported. */
  static Tracing off() {
    return SdkTracing.OFF;
  }

  /**
   * A Vert.x instance tracing as {@code env} configures it (a plain one when tracing is off);
   * spans of contexts that belong to no service are {@code process}'s. Closing the instance
   * flushes and closes the exporters.
   */
  static Vertx vertx(Env env, String process) {
    Tracing tracing = create(env);
    return tracing.enabled() ? ServiceTracer.vertx(tracing, process) : Vertx.vertx();
  }

  /**
   * Makes a Vert.x about to be built trace as {@code env} configures it (nothing when tracing
   * is off), as {@link #vertx} does; for a process that adds other SPIs (metrics) too.
   */
  static void install(Env env, String process, VertxBuilder builder, VertxOptions options) {
    Tracing tracing = create(env);
    if (tracing.enabled()) {
      ServiceTracer.install(tracing, process, builder, options);
    }
  }

  /** The tracing {@code vertx} was built with ({@link #vertx}); off for any other instance. */
  static Tracing of(Vertx vertx) {
    return VertxContexts.tracer(vertx) instanceof ServiceTracer tracer ? tracer.tracing() : off();
  }

  /** Deployment options whose verticles' spans are {@code service}'s. */
  static DeploymentOptions deployment(String service) {
    return new DeploymentOptions().setConfig(new JsonObject().put(SERVICE_KEY, service));
  }

  /** The service whose spans {@code context} makes: its mark, else its deployment's, else null. */
  static String serviceOf(Context context) {
    String marked = VertxContexts.markedService(context);
    if (marked != null) {
      return marked;
    }
    JsonObject config = context.config();
    return config == null ? null : config.getString(SERVICE_KEY);
  }

  /** Marks the current duplicated context as working for {@code service} (one router of several on a port). */
  static void markService(String service) {
    Context context = Vertx.currentContext();
    if (context != null) {
      VertxContexts.markService(context, service);
    }
  }

  boolean enabled();

  /** The tracer of {@code service}'s spans (the no-op tracer when tracing is off). */
  Tracer tracer(String service);

  /** Exports what is buffered and closes the exporters. */
  void close();
}
