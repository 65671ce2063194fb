package dev.prost.platform.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Group scheduler")
class GroupSchedulerTest {

  private final List<List<PendingEvent>> started = new ArrayList<>();
  private final List<Promise<Void>> running = new ArrayList<>();

  @Test
  @DisplayName("runs groups of up to the group size, no more groups at once than the concurrency")
  void groupsAndConcurrency(Vertx vertx) {
    GroupScheduler scheduler = new GroupScheduler(2, 3, this::start);

    for (int i = 0; i < 7; i++) {
      scheduler.offer(ChainEvents.pending(vertx, ChainEvents.answering(null)));
    }
    // the first event starts a group of one at once; the next fills a second slot; the rest wait
    assertThat(started).extracting(List::size).containsExactly(1, 1);

    running.get(0).complete();
    assertThat(started).extracting(List::size).containsExactly(1, 1, 3);
    running.get(1).complete();
    assertThat(started).extracting(List::size).containsExactly(1, 1, 3, 2);
  }

  private Future<Void> start(List<PendingEvent> group) {
    started.add(group);
    Promise<Void> done = Promise.promise();
    running.add(done);
    return done.future();
  }
}
