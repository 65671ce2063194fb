package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Queues decoded events and runs them in groups of up to {@code groupSize}, at most
 * {@code concurrency} groups at a time: a slow or poisoned event holds one slot, never the
 * queue. Events queued while every slot is busy form the next groups. Event loop only.
 */
final class GroupScheduler {

  private final int concurrency;
  private final int groupSize;
  private final Function<List<PendingEvent>, Future<Void>> work;
  private final Deque<PendingEvent> queued = new ArrayDeque<>();
  private int running;

  GroupScheduler(int concurrency, int groupSize, Function<List<PendingEvent>, Future<Void>> work) {
    this.concurrency = concurrency;
    this.groupSize = groupSize;
    this.work = work;
  }

  void offer(PendingEvent event) {
    queued.add(event);
    startGroups();
  }

  private void startGroups() {
    while (running < concurrency && !queued.isEmpty()) {
      List<PendingEvent> group = new ArrayList<>();
      while (group.size() < groupSize && !queued.isEmpty()) {
        group.add(queued.poll());
      }
      running++;
      work.apply(group).onComplete(ar -> {
        running--;
        startGroups();
      });
    }
  }
}
