package dev.prost.platform.messaging.relay;

import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.tracing.TraceContext;
import dev.prost.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the service's outbox. Wakes when a transaction of this process that wrote to
 * the outbox commits ({@link Outbox#committedAddress}), and polls for the rest (rows of an
 * instance that died before publishing them, rows written by other processes); each pass claims the oldest unpublished rows with {@code FOR UPDATE SKIP
 * LOCKED} — so several relays can share one outbox without publishing the same row twice
 * at once — publishes them all with confirms in flight together, and deletes only the rows
 * the broker confirmed, in the same transaction (or stamps them published, when
 * {@code PROST_OUTBOX_RETENTION} keeps them). A row whose publish failed stays
 * for the next pass; a crash after the publish and before the commit republishes it, and
 * the consumers' inbox drops the duplicate.
 */
public final class OutboxRelay extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private static final String CLAIM = """
      SELECT id, event_id, event_type, event_version, exchange, routing_key, correlation_id, envelope, trace_context
      FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";
  // a delete writes no index entry; the stamp is never a HOT update (published_at is indexed)
  private static final String DELETE = "DELETE FROM outbox WHERE id = ANY($1)";
  private static final String STAMP = "UPDATE outbox SET published_at = now() WHERE id = ANY($1)";
  private static final int BACKLOG_BOUND = 100_000;
  private static final long LONG_AGO = Long.MIN_VALUE / 2;
  // the oldest unpublished row and how many there are (counted up to a bound: a gauge, not an audit)
  private static final String BACKLOG = "SELECT (SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1),"
      + " (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT " + BACKLOG_BOUND + ") b)";

  private record Pass(int claimed, int published) {}

  private final Pool pool;
  private final ServiceSchema schema;
  private final EventPublisher publisher;
  private final MessagingConfig config;
  private final MessagingMetrics metrics;
  private final TopologyNames names;
  private final String markPublished;
  private PublishSpans spans;

  private boolean running;
  private boolean again;
  private boolean passScheduled;
  private long lastPassNanos = LONG_AGO;
  private boolean stopping;
  private Future<Pass> current = Future.succeededFuture(new Pass(0, 0));

  public OutboxRelay(Pool pool, ServiceSchema schema, EventPublisher publisher, MessagingConfig config,
      MessagingMetrics metrics) {
    this.pool = pool;
    this.schema = schema;
    this.publisher = publisher;
    this.config = config;
    this.metrics = metrics;
    this.names = new TopologyNames(config.namespace());
    this.markPublished = config.outboxRetention().isZero() ? DELETE : STAMP;
  }

  @Override
  public Future<?> start() {
    spans = new PublishSpans(Tracing.of(vertx).tracer(schema.service()));
    vertx.setPeriodic(config.relayPollInterval().toMillis(), id -> wake());
    vertx.setPeriodic(5_000, id -> measureLag());
    vertx.eventBus().localConsumer(Outbox.committedAddress(schema), committed -> wake());
    wake();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    // let the pass in progress finish marking what the broker confirmed
    return current.otherwiseEmpty();
  }

  /**
   * Runs a pass now, or right after the one in progress, but never sooner than the pass
   * interval after the last one began: under load each pass publishes what the commits of that
   * interval wrote, one commit for many rows, instead of one pass per commit.
   */
  void wake() {
    if (stopping) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    long early = lastPassNanos + config.relayPassInterval().toNanos() - System.nanoTime();
    if (early > 0) {
      if (!passScheduled) {
        passScheduled = true;
        vertx.setTimer(Math.max(1, early / 1_000_000 + 1), id -> {
          passScheduled = false;
          wake();
        });
      }
      return;
    }
    running = true;
    again = false;
    lastPassNanos = System.nanoTime();
    current = pool.withTransaction(this::pass);
    current.onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        log.warn("outbox pass failed, rows stay for the next one: {}", ar.cause().toString());
        return;
      }
      Pass pass = ar.result();
      metrics.relayPassed(pass.published());
      boolean backlog = pass.claimed() == config.relayBatchSize() && pass.published() == pass.claimed();
      if (backlog) {
        // a full batch: more rows are waiting already, so the next pass need not wait
        lastPassNanos = LONG_AGO;
      }
      if (again || backlog) {
        context.runOnContext(v -> wake());
      }
    });
  }

  private Future<Pass> pass(SqlConnection conn) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(config.relayBatchSize()))
        .compose(rows -> publishAll(rows)
            .compose(confirmed -> confirmed.isEmpty()
                ? Future.succeededFuture(new Pass(rows.size(), 0))
                : conn.preparedQuery(markPublished).execute(Tuple.of((Object) confirmed.toArray(new Long[0])))
                    .map(r -> new Pass(rows.size(), confirmed.size()))));
  }

  /** Publishes every claimed row at once (confirms in flight together); answers the confirmed ids. */
  private Future<List<Long>> publishAll(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    List<Future<Void>> confirms = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.getLong("id"));
      String exchange = names.namespaced(row.getString("exchange"));
      Span span = spans.start(row, exchange);
      confirms.add(publisher.publish(OutgoingMessage.event(
          exchange,
          row.getString("routing_key"),
          row.getUUID("event_id").toString(),
          row.getString("event_type"),
          row.getInteger("event_version"),
          row.getUUID("correlation_id").toString(),
          row.getString("envelope"),
          TraceContext.inject(Context.root().with(span))))
          .onComplete(confirmed -> PublishSpans.end(span, confirmed)));
    }
    return Future.join(confirms).transform(ignored -> {
      List<Long> confirmed = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        if (confirms.get(i).succeeded()) {
          confirmed.add(ids.get(i));
        }
      }
      if (confirmed.size() < ids.size()) {
        log.warn("{} of {} outbox rows not confirmed, will republish: {}", ids.size() - confirmed.size(),
            ids.size(), confirms.stream().filter(Future::failed).findFirst().map(f -> f.cause().getMessage()).orElse(""));
      }
      return Future.succeededFuture(confirmed);
    });
  }

  private void measureLag() {
    pool.query(BACKLOG).execute().onSuccess(rows -> {
      Row row = rows.iterator().next();
      OffsetDateTime oldest = row.getOffsetDateTime(0);
      metrics.relayLag(oldest == null ? Duration.ZERO : Duration.between(oldest, OffsetDateTime.now()));
      metrics.outboxBacklog(row.getLong(1));
    });
  }
}
