package dev.prost.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The correlation id of the work in progress, kept in a context-local of the Vert.x
 * duplicated context that runs it. A thread-local MDC alone would be wrong here: one event
 * loop interleaves the callbacks of many events. {@link CorrelationIdMdcFilter} copies the id
 * into the MDC for each log line.
 */
public final class CorrelationIds {

  public static final String KEY = "correlation_id";

  private CorrelationIds() {}

  /**
   * Tags the current context if it is a duplicate (one flow's own); its callbacks and their
   * log lines carry the id. A shared root context is never tagged: every flow would inherit it.
   */
  public static void set(UUID correlationId) {
    Context context = Vertx.currentContext();
    if (context != null && VertxContexts.isDuplicate(context)) {
      VertxContexts.CORRELATION_ID.put(context, correlationId.toString());
    }
  }

  /**
   * Runs {@code action} (synchronous, e.g. a log line) with {@code correlationId} as the
   * current one, then restores what was there: for work that handles several flows on one
   * context, such as a sweeper going through a batch of sagas.
   */
  public static void run(String correlationId, Runnable action) {
    Context context = Vertx.currentContext();
    if (context == null) {
      MDC.put(KEY, correlationId);
      try {
        action.run();
      } finally {
        MDC.remove(KEY);
      }
      return;
    }
    String previous = VertxContexts.CORRELATION_ID.get(context);
    VertxContexts.CORRELATION_ID.put(context, correlationId);
    try {
      action.run();
    } finally {
      if (previous == null) {
        VertxContexts.CORRELATION_ID.remove(context);
      } else {
        VertxContexts.CORRELATION_ID.put(context, previous);
      }
    }
  }

  /** The current context's correlation id, or null. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context == null ? null : VertxContexts.CORRELATION_ID.get(context);
  }
}
