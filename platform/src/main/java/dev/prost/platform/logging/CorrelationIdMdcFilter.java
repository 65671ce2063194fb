package dev.prost.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Vertx;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current Vert.x context's correlation id, and the trace and span ids of its current
 * span, into the MDC just before each log event is built, so {@code %X{correlation_id}},
 * {@code %X{trace_id}} (or a JSON encoder) show them on every line written while handling an event. Registered in {@code logback.xml}.
 */
public final class CorrelationIdMdcFilter extends TurboFilter {

  /** The MDC keys of the current span's trace and span ids (absent when tracing is off). */
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (Vertx.currentContext() != null) {
      String id = CorrelationIds.current();
      if (id == null) {
        MDC.remove(CorrelationIds.KEY);
      } else {
        MDC.put(CorrelationIds.KEY, id);
      }
      SpanContext span = Span.current().getSpanContext();
      if (span.isValid()) {
        MDC.put(TRACE_ID, span.getTraceId());
        MDC.put(SPAN_ID, span.getSpanId());
      } else {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
