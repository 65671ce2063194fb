package dev.prost.platform.messaging.consumer;

import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a group committed, runs each new event's after-commit step on the event's own context,
 * handing it what the handler answered, then the table's {@link EventHandlers.GroupAfterCommit}
 * once with all of their results (on the first new event's context). Duplicates and
 * rolled-back groups run nothing. The steps do not hold up the ack: their effect is best
 * effort, and a failure is only logged.
 */
final class AfterCommitStep implements GroupStep {

  private static final Logger log = LoggerFactory.getLogger(AfterCommitStep.class);

  private final EventHandlers.GroupAfterCommit once;
  private final GroupStep next;

  AfterCommitStep(GroupStep next) {
    this(EventHandlers.GroupAfterCommit.NONE, next);
  }

  AfterCommitStep(EventHandlers.GroupAfterCommit once, GroupStep next) {
    this.once = once;
    this.next = next;
  }

  @Override
  public Future<List<Outcome>> apply(List<PendingEvent> events) {
    return next.apply(events).onSuccess(outcomes -> {
      List<Object> results = new ArrayList<>(events.size());
      PendingEvent first = null;
      for (int i = 0; i < events.size(); i++) {
        if (outcomes.get(i).fresh()) {
          run(events.get(i), outcomes.get(i).result());
          results.add(outcomes.get(i).result());
          first = first == null ? events.get(i) : first;
        }
      }
      if (first != null && once != EventHandlers.GroupAfterCommit.NONE) {
        runOnce(first, Collections.unmodifiableList(results));
      }
    });
  }

  private void runOnce(PendingEvent first, List<Object> results) {
    first.context().runOnContext(v -> once.run(results)
        .onFailure(e -> log.warn("after-commit step of a commit of {} events failed: {}", results.size(),
            e.getMessage())));
  }

  private static void run(PendingEvent event, Object result) {
    EventMetadata meta = event.meta();
    event.context().runOnContext(v -> event.handler().afterCommit(event.envelope(), result)
        .onFailure(e -> log.warn("after-commit step of {} {} failed: {}", meta.eventType(), meta.eventId(),
            e.getMessage())));
  }
}
