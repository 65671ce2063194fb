package dev.prost.platform.messaging;

import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyNames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, every {@link #INTERVAL}, the messages ready in each work queue and dead-letter queue
 * of the service's subscriptions (a passive declare answers the count) into {@link
 * MessagingMetrics}: the broker's view of consumer lag and DLQ depth, whatever the consumer
 * itself is doing. One short-lived channel per sample: a queue deleted under it closes the channel.
 */
final class QueueDepths extends VerticleBase {

  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

  private final AmqpConnection connection;
  private final TopologyNames names;
  private final List<Subscription> subscriptions;
  private final MessagingMetrics metrics;

  QueueDepths(AmqpConnection connection, TopologyNames names, List<Subscription> subscriptions,
      MessagingMetrics metrics) {
    this.connection = connection;
    this.names = names;
    this.subscriptions = List.copyOf(subscriptions);
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    sample();
    vertx.setPeriodic(INTERVAL.toMillis(), id -> sample());
    return Future.succeededFuture();
  }

  private void sample() {
    if (subscriptions.isEmpty() || !connection.isOpen()) {
      return;
    }
    connection.openChannel("queue-depths").compose(channel -> channel.call(raw -> {
      Map<String, long[]> depths = new LinkedHashMap<>();
      for (Subscription sub : subscriptions) {
        depths.put(names.workQueue(sub), new long[] {
            raw.queueDeclarePassive(names.workQueue(sub)).getMessageCount(),
            raw.queueDeclarePassive(names.deadLetterQueue(sub)).getMessageCount()});
      }
      return depths;
    }).onComplete(ar -> channel.close()))
        .onSuccess(depths -> depths.forEach((queue, counts) -> {
          metrics.queueReady(queue, counts[0]);
          metrics.deadLetterDepth(queue + ".dlq", counts[1]);
        }))
        .onFailure(e -> log.debug("queue depths not sampled: {}", e.getMessage()));
  }
}
