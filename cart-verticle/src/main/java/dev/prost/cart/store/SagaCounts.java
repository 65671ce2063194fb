package dev.prost.cart.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * How many checkouts {@code saga_state} holds in flight and how many ended lately, in one query:
 * the figures the checkout gate reads. Both are ranges of {@code saga_state_status_updated}.
 */
public final class SagaCounts {

  /**
   * @param inFlight INITIATED sagas started within the horizon
   * @param ended sagas that reached an outcome within the window
   * @param oldestEndedSeconds how long ago the oldest of those ended (0 when none did)
   */
  public record Counts(long inFlight, long ended, double oldestEndedSeconds) {}

  public Future<Counts> read(SqlClient client, Duration window, Duration horizon) {
    return client.preparedQuery("""
            SELECT (SELECT count(*) FROM saga_state
                    WHERE status = 'INITIATED' AND created_at > now() - make_interval(secs => $2)) AS in_flight,
                   ended.n AS ended,
                   coalesce(extract(epoch FROM now() - ended.oldest), 0)::float8 AS oldest
            FROM (SELECT count(*) AS n, min(updated_at) AS oldest FROM saga_state
                  WHERE status IN ('CONFIRMED', 'FAILED')
                    AND updated_at > now() - make_interval(secs => $1)) ended""")
        .execute(Tuple.of(seconds(window), seconds(horizon)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Counts(row.getLong("in_flight"), row.getLong("ended"), row.getDouble("oldest"));
        });
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
