package dev.prost.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.vertx.core.Vertx;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current Vert.x context's correlation id into the MDC just before each log
 * event is built, so {@code %X{correlation_id}} (or a JSON encoder) shows it on every line
 * written while handling an event. Registered in {@code logback.xml}.
 */
public final class CorrelationIdMdcFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (Vertx.currentContext() != null) {
      String id = CorrelationIds.current();
      if (id == null) {
        MDC.remove(CorrelationIds.KEY);
      } else {
        MDC.put(CorrelationIds.KEY, id);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
