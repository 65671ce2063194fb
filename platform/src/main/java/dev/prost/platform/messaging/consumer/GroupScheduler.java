package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Queues decoded events and runs them in groups of up to {@code groupSize}, at most
 * {@code concurrency} groups at a time: a slow or poisoned event holds one slot, never the
 * queue. An event that finds the consumer idle starts at once. One that arrives while a group
 * is in flight waits for it, to join the next group, unless a whole group has queued or it has
 * waited {@code groupWait}: then it takes another slot. So under load events share commits
 * instead of each taking a free slot and a commit of its own, and a stuck group delays the
 * others by no more than {@code groupWait}. Event loop only.
 */
final class GroupScheduler {

  private record Queued(PendingEvent event, long sinceNanos) {}

  private final Vertx vertx;
  private final int concurrency;
  private final int groupSize;
  private final long groupWaitNanos;
  private final Function<List<PendingEvent>, Future<Void>> work;
  private final Deque<Queued> queued = new ArrayDeque<>();
  private int running;
  private boolean timerArmed;

  GroupScheduler(Vertx vertx, int concurrency, int groupSize, Duration groupWait,
      Function<List<PendingEvent>, Future<Void>> work) {
    this.vertx = vertx;
    this.concurrency = concurrency;
    this.groupSize = groupSize;
    this.groupWaitNanos = groupWait.toNanos();
    this.work = work;
  }

  void offer(PendingEvent event) {
    queued.add(new Queued(event, System.nanoTime()));
    startGroups();
  }

  private void startGroups() {
    while (running < concurrency && !queued.isEmpty()) {
      long waited = System.nanoTime() - queued.peek().sinceNanos();
      if (running > 0 && queued.size() < groupSize && waited < groupWaitNanos) {
        startLater(groupWaitNanos - waited);
        return;
      }
      List<PendingEvent> group = new ArrayList<>(Math.min(groupSize, queued.size()));
      while (group.size() < groupSize && !queued.isEmpty()) {
        group.add(queued.poll().event());
      }
      running++;
      work.apply(group).onComplete(ar -> {
        running--;
        startGroups();
      });
    }
  }

  /** Looks again once the oldest queued event has waited its full time. */
  private void startLater(long nanos) {
    if (timerArmed) {
      return;
    }
    timerArmed = true;
    vertx.setTimer(Math.max(1, Duration.ofNanos(nanos).toMillis() + 1), id -> {
      timerArmed = false;
      startGroups();
    });
  }
}
