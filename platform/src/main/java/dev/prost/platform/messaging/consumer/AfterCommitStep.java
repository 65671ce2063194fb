package dev.prost.platform.messaging.consumer;

import dev.prost.platform.events.EventMetadata;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a group committed, runs each new event's after-commit step on the event's own context,
 * handing it what the handler answered. Duplicates and rolled-back groups run nothing. The
 * step does not hold up the ack: its effect is best effort, and a failure is only logged.
 */
final class AfterCommitStep implements GroupStep {

  private static final Logger log = LoggerFactory.getLogger(AfterCommitStep.class);

  private final GroupStep next;

  AfterCommitStep(GroupStep next) {
    this.next = next;
  }

  @Override
  public Future<List<Outcome>> apply(List<PendingEvent> events) {
    return next.apply(events).onSuccess(outcomes -> {
      for (int i = 0; i < events.size(); i++) {
        if (outcomes.get(i).fresh()) {
          run(events.get(i), outcomes.get(i).result());
        }
      }
    });
  }

  private static void run(PendingEvent event, Object result) {
    EventMetadata meta = event.meta();
    event.context().runOnContext(v -> event.handler().afterCommit(event.envelope(), result)
        .onFailure(e -> log.warn("after-commit step of {} {} failed: {}", meta.eventType(), meta.eventId(),
            e.getMessage())));
  }
}
