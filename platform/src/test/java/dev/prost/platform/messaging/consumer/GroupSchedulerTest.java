package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Group scheduler")
class GroupSchedulerTest {

  private static final Duration NEVER = Duration.ofHours(1);

  private final List<List<PendingEvent>> started = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> running = new CopyOnWriteArrayList<>();

  @Test
  @DisplayName("without a group wait: groups of up to the group size, no more at once than the concurrency")
  void groupsAndConcurrency(Vertx vertx) {
    GroupScheduler scheduler = new GroupScheduler(vertx, 2, 3, Duration.ZERO, this::start);

    offer(vertx, scheduler, 7);
    // the first event starts a group of one at once; the next fills a second slot; the rest wait
    assertThat(sizes()).containsExactly(1, 1);

    running.get(0).complete();
    assertThat(sizes()).containsExactly(1, 1, 3);
    running.get(1).complete();
    assertThat(sizes()).containsExactly(1, 1, 3, 2);
  }

  @Test
  @DisplayName("an event that finds a group in flight waits for it and joins the next group")
  void joinsTheNextGroup(Vertx vertx) {
    GroupScheduler scheduler = new GroupScheduler(vertx, 4, 32, NEVER, this::start);

    offer(vertx, scheduler, 1);
    assertThat(sizes()).as("an idle consumer starts at once").containsExactly(1);
    offer(vertx, scheduler, 3);
    assertThat(sizes()).as("free slots stay free while the first group runs").containsExactly(1);

    running.get(0).complete();
    assertThat(sizes()).containsExactly(1, 3);
  }

  @Test
  @DisplayName("a whole group queued takes a free slot without waiting")
  void aWholeGroupStartsAtOnce(Vertx vertx) {
    GroupScheduler scheduler = new GroupScheduler(vertx, 4, 3, NEVER, this::start);

    offer(vertx, scheduler, 1);
    offer(vertx, scheduler, 2);
    assertThat(sizes()).containsExactly(1);
    offer(vertx, scheduler, 1);
    assertThat(sizes()).containsExactly(1, 3);
  }

  @Test
  @DisplayName("a stuck group holds the events behind it no longer than the group wait")
  void aStuckGroupDelaysByTheWaitOnly(Vertx vertx) {
    var context = vertx.getOrCreateContext();
    GroupScheduler scheduler = new GroupScheduler(vertx, 2, 32, Duration.ofMillis(50), this::start);

    context.runOnContext(v -> offer(vertx, scheduler, 1));
    await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 1);
    context.runOnContext(v -> offer(vertx, scheduler, 2));

    // the first group never completes: the two behind it take the second slot once they waited
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sizes()).containsExactly(1, 2));
  }

  private void offer(Vertx vertx, GroupScheduler scheduler, int events) {
    for (int i = 0; i < events; i++) {
      scheduler.offer(ChainEvents.pending(vertx, ChainEvents.answering(null)));
    }
  }

  private List<Integer> sizes() {
    return started.stream().map(List::size).toList();
  }

  private Future<Void> start(List<PendingEvent> group) {
    started.add(group);
    Promise<Void> done = Promise.promise();
    running.add(done);
    return done.future();
  }
}
