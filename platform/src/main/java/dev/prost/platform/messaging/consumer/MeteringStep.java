package dev.prost.platform.messaging.consumer;

import dev.prost.platform.messaging.MessagingMetrics;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts what committed: new and duplicate events by type, handler latency, group sizes. */
final class MeteringStep implements GroupStep {

  private static final Logger log = LoggerFactory.getLogger(MeteringStep.class);

  private final MessagingMetrics metrics;
  private final String consumer;
  private final GroupStep next;

  MeteringStep(MessagingMetrics metrics, String consumer, GroupStep next) {
    this.metrics = metrics;
    this.consumer = consumer;
    this.next = next;
  }

  @Override
  public Future<List<Outcome>> apply(List<PendingEvent> events) {
    long started = System.nanoTime();
    return next.apply(events).onSuccess(outcomes -> {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      metrics.groupCommitted(consumer, events.size());
      for (int i = 0; i < events.size(); i++) {
        String type = events.get(i).meta().eventType();
        metrics.handlerLatency(consumer, elapsed);
        if (outcomes.get(i).fresh()) {
          metrics.consumed(consumer, type);
        } else {
          log.debug("duplicate {} {} skipped", type, events.get(i).meta().eventId());
          metrics.duplicate(consumer, type);
        }
      }
    });
  }
}
