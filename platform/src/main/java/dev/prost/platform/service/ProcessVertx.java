package dev.prost.platform.service;

import dev.prost.platform.config.Env;
import dev.prost.platform.metrics.ProcessMetrics;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;

/**
 * The one Vert.x of a Prost process ({@code prost run}, a service's own jar): its metrics on
 * ({@link ProcessMetrics}) and tracing as the {@code OTEL_*} variables say ({@link Tracing}),
 * both SPIs given to one builder.
 */
public final class ProcessVertx {

  private ProcessVertx() {}

  /** {@code process} names the spans of contexts no service owns. */
  public static Vertx create(Env env, String process) {
    VertxOptions options = new VertxOptions();
    VertxBuilder builder = Vertx.builder();
    ProcessMetrics metrics = ProcessMetrics.install(builder, options);
    Tracing.install(env, process, builder, options);
    return metrics.attach(builder.with(options).build());
  }
}
