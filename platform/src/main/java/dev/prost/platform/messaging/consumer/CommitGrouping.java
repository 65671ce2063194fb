package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a group of events in one transaction and acks them together. A group that rolls
 * back says only that one of its events failed, not which: its events are then applied one by
 * one, each with its own transaction and its own retry or dead-letter decision, so one bad
 * event never takes its neighbours to the retry queue.
 */
final class CommitGrouping {

  private static final Logger log = LoggerFactory.getLogger(CommitGrouping.class);

  private final GroupStep chain;
  private final Settlement settlement;

  CommitGrouping(GroupStep chain, Settlement settlement) {
    this.chain = chain;
    this.settlement = settlement;
  }

  Future<Void> apply(List<PendingEvent> group) {
    return group.size() == 1 ? alone(group.get(0)) : together(group);
  }

  private Future<Void> together(List<PendingEvent> group) {
    return chain.apply(group)
        .compose(outcomes -> settlement.ackAll(group))
        .recover(failure -> {
          log.debug("group of {} rolled back ({}), applying one by one", group.size(), failure.toString());
          return Future.join(group.stream().map(this::alone).toList()).mapEmpty();
        });
  }

  private Future<Void> alone(PendingEvent event) {
    return settlement.settle(event, chain.apply(List.of(event)));
  }
}
