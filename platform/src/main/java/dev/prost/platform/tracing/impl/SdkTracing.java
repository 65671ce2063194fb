package dev.prost.platform.tracing.impl;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import dev.prost.platform.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One autoconfigured OpenTelemetry SDK per service, built on first use: a resource (and so
 * {@code service.name}) belongs to a tracer provider, not to a span, and a Zipkin or OTLP
 * backend names a span's service from its resource. The {@code OTEL_*} variables of the
 * service's {@link Env} are the SDK's properties; metrics and logs exporters default to none.
 * Every resource has a {@code service.instance.id}, one random id per instance of this class
 * (per process) unless {@code OTEL_RESOURCE_ATTRIBUTES} names one; Zipkin's exporter drops
 * every resource attribute but {@code service.name}, so with it each span carries the id too.
 */
public final class SdkTracing implements Tracing {

  public static final Tracing OFF = new Off();

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");
  private static final String INSTRUMENTATION = "dev.prost";

  private final Map<String, String> properties;
  private final Map<String, OpenTelemetrySdk> sdks = new ConcurrentHashMap<>();
  private final String instanceId = UUID.randomUUID().toString();

  public SdkTracing(Env env) {
    this.properties = properties(env);
    // the SDK would fail only when the first service's tracer is built, mid-start or mid-request
    boolean otlp = Arrays.stream(properties.getOrDefault("otel.traces.exporter", "").split(","))
        .anyMatch(exporter -> exporter.trim().equals("otlp"));
    for (String variable : List.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")) {
      if (otlp && env.optional(variable).filter("grpc"::equals).isPresent()) {
        throw new ConfigException(variable, "grpc is not supported (Prost ships no gRPC sender): use http/protobuf");
      }
    }
  }

  public static boolean enabled(Env env) {
    return env.optional("OTEL_TRACES_EXPORTER").isPresent() && !env.bool("OTEL_SDK_DISABLED", false);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public Tracer tracer(String service) {
    return openTelemetry(service).getTracer(INSTRUMENTATION);
  }

  /** The SDK whose spans are {@code service}'s. */
  public OpenTelemetry openTelemetry(String service) {
    return sdks.computeIfAbsent(service, this::build);
  }

  @Override
  public void close() {
    sdks.values().forEach(sdk -> sdk.shutdown().join(5, TimeUnit.SECONDS));
    sdks.clear();
  }

  private OpenTelemetrySdk build(String service) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesCustomizer(config -> properties)
        .addResourceCustomizer((resource, config) -> resource.merge(Resource.create(
            Attributes.of(SERVICE_NAME, service, SERVICE_INSTANCE_ID, instanceId(config)))))
        .addTracerProviderCustomizer((builder, config) ->
            config.getList("otel.traces.exporter").contains("zipkin")
                ? builder.addSpanProcessor(new InstanceAttribute(instanceId(config)))
                : builder)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /** The operator's {@code service.instance.id} ({@code OTEL_RESOURCE_ATTRIBUTES}), else this process's. */
  private String instanceId(ConfigProperties config) {
    return config.getMap("otel.resource.attributes").getOrDefault(SERVICE_INSTANCE_ID.getKey(), instanceId);
  }

  /**
   * {@code OTEL_TRACES_SAMPLER_ARG} → {@code otel.traces.sampler.arg}, over defaults that export
   * no metrics or logs and speak OTLP over HTTP: the Java SDK's own default is gRPC, for which
   * Prost ships no sender (the specification's default, and every collector's port 4318, is HTTP).
   */
  private static Map<String, String> properties(Env env) {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    env.startingWith("OTEL_").forEach((name, value) ->
        properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
    return Map.copyOf(properties);
  }

  private static final class Off implements Tracing {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public Tracer tracer(String service) {
      return OpenTelemetry.noop().getTracer(INSTRUMENTATION);
    }

    @Override
    public void close() {}
  }
}
