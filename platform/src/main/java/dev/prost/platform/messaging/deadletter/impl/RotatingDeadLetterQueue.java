package dev.prost.platform.messaging.deadletter.impl;

import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue;
import dev.prost.platform.messaging.deadletter.DeadLetterSelection;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link DeadLetterQueue} by rotation: each operation is one {@link DeadLetterPass} on a
 * confirm-mode channel of its own, which it closes at the end (returning, after a failure,
 * whatever it had not acknowledged).
 */
public final class RotatingDeadLetterQueue implements DeadLetterQueue {

  private final AmqpConnection connection;
  private final String queue;
  private final String workQueue;
  private final Duration confirmTimeout;

  public RotatingDeadLetterQueue(AmqpConnection connection, String queue, Duration confirmTimeout) {
    this.connection = connection;
    this.queue = queue;
    this.workQueue = TopologyNames.workQueueOf(queue);
    this.confirmTimeout = confirmTimeout;
  }

  @Override
  public String name() {
    return queue;
  }

  @Override
  public Future<List<DeadLetter>> browse(DeadLetterSelection selection) {
    return pass(selection, (pass, selected) -> Future.succeededFuture(List.of()), null)
        .map(DeadLetterPass::selected);
  }

  @Override
  public Future<List<Settlement>> purge(DeadLetterSelection selection, Journal journal) {
    return pass(selection, (pass, selected) -> Future.succeededFuture(selected.stream()
        .map(letter -> new Settlement(letter, Outcome.PURGED, "purged"))
        .toList()), journal)
        .map(DeadLetterPass::settlements);
  }

  @Override
  public Future<List<Settlement>> replay(DeadLetterSelection selection, Journal journal) {
    return pass(selection, this::replayBatch, journal).map(DeadLetterPass::settlements);
  }

  private Future<DeadLetterPass> pass(DeadLetterSelection selection, DeadLetterPass.Disposal disposal,
      Journal journal) {
    return connection.openChannel("dlq").compose(channel ->
        new DeadLetterPass(channel, queue, selection, disposal, journal, confirmTimeout).run()
            .onComplete(ar -> channel.close()));
  }

  /** Replays the batch's selected messages to the work queue; one the broker returns (no such queue) is kept. */
  private Future<List<Settlement>> replayBatch(DeadLetterPass pass, List<DeadLetter> selected) {
    Instant now = Instant.now();
    List<OutgoingMessage> replays = selected.stream().map(letter -> letter.replay(now, workQueue)).toList();
    return pass.publish(replays).map(returned -> {
      List<Settlement> settled = new ArrayList<>();
      for (int i = 0; i < selected.size(); i++) {
        OutgoingMessage m = replays.get(i);
        boolean unroutable = returned.stream().anyMatch(r -> r.routingKey().equals(m.routingKey())
            && Objects.equals(r.messageId(), m.properties().getMessageId()));
        settled.add(unroutable
            ? new Settlement(selected.get(i), Outcome.KEPT, "kept: there is no queue " + workQueue)
            : new Settlement(selected.get(i), Outcome.REPLAYED, "replayed to " + workQueue));
      }
      return settled;
    });
  }
}
