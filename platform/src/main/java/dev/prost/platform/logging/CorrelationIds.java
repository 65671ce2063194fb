package dev.prost.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The correlation id of the work in progress, kept on the Vert.x duplicated context that
 * runs it. A thread-local MDC alone would be wrong here: one event loop interleaves the
 * callbacks of many events. {@link CorrelationIdMdcFilter} copies the id into the MDC for
 * each log line.
 */
public final class CorrelationIds {

  public static final String KEY = "correlation_id";

  private CorrelationIds() {}

  /** Tags the current (duplicated) context; its callbacks and their log lines carry the id. */
  public static void set(UUID correlationId) {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      internal.localContextData().put(KEY, correlationId.toString());
    }
  }

  /**
   * Runs {@code action} (synchronous, e.g. a log line) with {@code correlationId} as the
   * current one, then restores what was there: for work that handles several flows on one
   * context, such as a sweeper going through a batch of sagas.
   */
  public static void run(String correlationId, Runnable action) {
    Context context = Vertx.currentContext();
    if (!(context instanceof ContextInternal internal)) {
      MDC.put(KEY, correlationId);
      try {
        action.run();
      } finally {
        MDC.remove(KEY);
      }
      return;
    }
    Object previous = internal.localContextData().put(KEY, correlationId);
    try {
      action.run();
    } finally {
      if (previous == null) {
        internal.localContextData().remove(KEY);
      } else {
        internal.localContextData().put(KEY, previous);
      }
    }
  }

  /** The current context's correlation id, or null. */
  public static String current() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal) {
      Object id = internal.localContextData().get(KEY);
      return id == null ? null : id.toString();
    }
    return null;
  }
}
