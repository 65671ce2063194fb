package dev.prost.platform.messaging.relay;

import dev.prost.platform.db.IdempotencyStore;
import dev.prost.platform.messaging.MessagingConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes published outbox rows and inbox records past their configured retention, hourly. */
public final class RetentionSweeper extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
  private static final String PRUNE_OUTBOX =
      "DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)";

  private final Pool pool;
  private final MessagingConfig config;
  private final IdempotencyStore inbox = IdempotencyStore.create();

  public RetentionSweeper(Pool pool, MessagingConfig config) {
    this.pool = pool;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(60_000, 3_600_000, id -> sweep());
    return Future.succeededFuture();
  }

  /** One sweep; answers the rows deleted from outbox and inbox together. */
  public Future<Integer> sweep() {
    return pool.preparedQuery(PRUNE_OUTBOX)
        .execute(Tuple.of((double) config.outboxRetention().toSeconds()))
        .map(rows -> rows.rowCount())
        .compose(outbox -> inbox.pruneOlderThan(pool, config.inboxRetention()).map(in -> outbox + in))
        .onSuccess(n -> log.debug("retention sweep removed {} rows", n))
        .onFailure(e -> log.warn("retention sweep failed: {}", e.getMessage()));
  }
}
