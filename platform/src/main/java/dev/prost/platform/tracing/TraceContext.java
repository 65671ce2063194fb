package dev.prost.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) as Prost carries it: in an
 * outbox row (a JSON object) and in AMQP headers. Always W3C, whatever {@code OTEL_PROPAGATORS}
 * says: the carriers are Prost's own, not a library's.
 */
public final class TraceContext {

  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, ?>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, ?> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, ?> carrier, String key) {
      Object value = carrier == null ? null : carrier.get(key);
      // AMQP header values arrive as LongString
      return value == null ? null : value.toString();
    }
  };

  private TraceContext() {}

  /** The current span's context as a carrier, or null when no span is being recorded (tracing off). */
  public static JsonObject current() {
    Context current = Context.current();
    // the path of every outbox write with tracing off: no carrier built
    if (!Span.fromContext(current).getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = inject(current);
    return carrier.isEmpty() ? null : new JsonObject(new HashMap<>(carrier));
  }

  /** {@code context}'s span as {@code traceparent} (and {@code tracestate}); empty for no valid span. */
  public static Map<String, String> inject(Context context) {
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(context, carrier, (map, key, value) -> map.put(key, value));
    return carrier;
  }

  /** The remote parent {@code carrier} (a map, headers or a JSON object; may be null) names; the root context if none. */
  public static Context extract(Map<String, ?> carrier) {
    return carrier == null ? Context.root() : W3C.extract(Context.root(), carrier, GETTER);
  }

  public static Context extract(JsonObject carrier) {
    return carrier == null ? Context.root() : extract(carrier.getMap());
  }

  /** The trace id in {@code traceparent}, or null if it is not a W3C traceparent. */
  public static String traceId(String traceparent) {
    SpanContext span = Span.fromContext(extract(Map.of(TRACEPARENT, traceparent == null ? "" : traceparent)))
        .getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }
}
