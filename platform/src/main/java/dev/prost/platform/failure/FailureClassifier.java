package dev.prost.platform.failure;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failure is worth retrying — a consumer's retry queue, an HTTP 503 with
 * {@code Retry-After} — by walking its cause chain. Transient: a {@link ClassifiedFailure}
 * saying so, a PostgreSQL SQL state that means "try again" (serialization failure, deadlock,
 * connection exception class 08, shutdown, too many connections), a lost or refused
 * connection ({@link ClosedConnectionException}, {@link HttpClosedException}, any
 * {@link IOException} such as {@code java.net.ConnectException} and Netty's connect and
 * closed-channel exceptions), a timeout ({@link TimeoutException}, which Vert.x's own timeouts
 * extend). Everything else — constraint violations, bugs — is permanent: it goes to the
 * dead-letter queue (or answers 500) instead of looping.
 *
 * <p>Types decide first. Only when no type matched does the message text count, and only here:
 * the SQL client reports a connection that died under a running transaction as a bare
 * {@link VertxException} whose message is the only thing that tells it apart.
 */
public final class FailureClassifier {

  public enum Kind { TRANSIENT, PERMANENT }

  // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available,
  // 57014 query_canceled (statement timeout), 57P01..03 admin/crash shutdown, cannot connect now,
  // 53300 too_many_connections, 53400 configuration_limit_exceeded; class 08 is checked apart
  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03", "53300", "53400");

  private static final List<Class<? extends Throwable>> TRANSIENT_TYPES = List.of(
      ClosedConnectionException.class, HttpClosedException.class, IOException.class, TimeoutException.class,
      // Netty's idle/read/write timeouts are ChannelExceptions, not java.util.concurrent ones
      io.netty.handler.timeout.TimeoutException.class);

  private static final List<String> CONNECTION_LOSS_TEXTS =
      List.of("Connection is not active", "Connection is closed", "Pool closed", "Connection refused");

  private FailureClassifier() {}

  public static Kind classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Kind kind = byType(t);
      if (kind != null) {
        return kind;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (isConnectionLossByText(t)) {
        return Kind.TRANSIENT;
      }
    }
    return Kind.PERMANENT;
  }

  /** The kind one link of the chain decides by its type, or null when its type says nothing. */
  private static Kind byType(Throwable t) {
    if (t instanceof ClassifiedFailure classified) {
      return classified.kind();
    }
    if (t instanceof PgException pg) {
      return isTransient(pg.getSqlState()) ? Kind.TRANSIENT : null;
    }
    for (Class<? extends Throwable> type : TRANSIENT_TYPES) {
      if (type.isInstance(t)) {
        return Kind.TRANSIENT;
      }
    }
    return null;
  }

  private static boolean isTransient(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState));
  }

  // the last resort, kept to the one exception type whose text is all there is to go on
  private static boolean isConnectionLossByText(Throwable t) {
    String message = t.getMessage();
    return t instanceof VertxException && message != null
        && CONNECTION_LOSS_TEXTS.stream().anyMatch(message::contains);
  }
}
