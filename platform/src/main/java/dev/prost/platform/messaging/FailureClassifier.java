package dev.prost.platform.messaging;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failed delivery is worth retrying. Transient: the database connection
 * went away, a serialization failure or deadlock, a timeout, an explicit
 * {@link TransientFailure}. Everything else — including bugs — is permanent and goes to the
 * dead-letter queue at once, where it waits for a fix and a replay instead of looping.
 */
public final class FailureClassifier {

  public enum Kind { TRANSIENT, PERMANENT }

  // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available,
  // 57014 query_canceled (statement timeout), 57P01..03 admin/crash shutdown, cannot connect now,
  // 53300 too_many_connections, 53400 configuration_limit_exceeded
  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03", "53300", "53400");

  private FailureClassifier() {}

  public static Kind classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PermanentFailure) {
        return Kind.PERMANENT;
      }
      if (t instanceof TransientFailure
          || t instanceof ClosedConnectionException
          || t instanceof TimeoutException
          || t instanceof IOException
          || t.getClass().getSimpleName().contains("Timeout")
          || isConnectionLoss(t)
          || (t instanceof PgException pg && isTransient(pg.getSqlState()))) {
        return Kind.TRANSIENT;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Kind.PERMANENT;
  }

  // the SQL client reports a connection that died under a running transaction this way
  private static boolean isConnectionLoss(Throwable t) {
    String message = t.getMessage();
    return t instanceof VertxException && message != null
        && (message.contains("Connection is not active") || message.contains("Connection is closed")
            || message.contains("Pool closed") || message.contains("Connection refused"));
  }

  private static boolean isTransient(String sqlState) {
    // class 08: connection exceptions
    return sqlState != null && (sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState));
  }
}
