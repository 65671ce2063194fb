package dev.prost.platform.messaging.deadletter.impl;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Journal;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Outcome;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Settlement;
import dev.prost.platform.messaging.deadletter.DeadLetterSelection;
import dev.prost.platform.messaging.impl.BrokerReplies;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * One pass over a dead-letter queue, batch by batch: take up to {@value #BATCH} messages
 * without acknowledging them, let the {@link Disposal} settle the selected ones, record the
 * settlements, put a copy of every message that stays back at the tail, then acknowledge the
 * batch. The count is fixed when the pass starts, so messages dead-lettered meanwhile (and
 * the pass's own copies) are never taken. Each batch is also the confirm window.
 */
final class DeadLetterPass {

  static final int BATCH = 100;

  /** Settles the selected messages of one batch; answers one settlement per message, in order. */
  @FunctionalInterface
  interface Disposal {
    Future<List<Settlement>> settle(DeadLetterPass pass, List<DeadLetter> selected);
  }

  private record Taken(long tag, DeadLetter letter) {}

  /** A message the broker handed back as unroutable (mandatory publish). */
  record Returned(String exchange, String routingKey, String messageId) {}

  private final AmqpChannel channel;
  private final String queue;
  private final DeadLetterSelection selection;
  private final Disposal disposal;
  private final Journal journal;
  private final Duration confirmTimeout;
  private final ConcurrentLinkedQueue<Returned> returns = new ConcurrentLinkedQueue<>();
  private final List<DeadLetter> selected = new ArrayList<>();
  private final List<Settlement> settlements = new ArrayList<>();
  private int remaining;

  DeadLetterPass(AmqpChannel channel, String queue, DeadLetterSelection selection, Disposal disposal,
      Journal journal, Duration confirmTimeout) {
    this.channel = channel;
    this.queue = queue;
    this.selection = selection;
    this.disposal = disposal;
    this.journal = journal;
    this.confirmTimeout = confirmTimeout;
  }

  /** Runs the pass; the channel is the pass's own and is closed by the caller afterwards. */
  Future<DeadLetterPass> run() {
    return channel.call(raw -> {
      raw.confirmSelect();
      raw.addReturnListener(r -> returns.add(
          new Returned(r.getExchange(), r.getRoutingKey(), r.getProperties().getMessageId())));
      return raw.queueDeclarePassive(queue).getMessageCount();
    }).recover(e -> Future.failedFuture(BrokerReplies.code(e) == BrokerReplies.NOT_FOUND
        ? new IllegalStateException("queue " + queue + " does not exist on the broker", e)
        : e))
        .compose(count -> {
          remaining = count;
          return next();
        })
        .map(this);
  }

  List<DeadLetter> selected() {
    return selected;
  }

  List<Settlement> settlements() {
    return settlements;
  }

  /**
   * Publishes {@code messages} (mandatory) and waits for the broker's confirms; answers the
   * ones it returned as unroutable. A nack or a timeout fails the pass.
   */
  Future<List<Returned>> publish(List<OutgoingMessage> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return channel.call(raw -> {
      returns.clear();
      for (OutgoingMessage m : messages) {
        raw.basicPublish(m.exchange(), m.routingKey(), true, m.properties(), m.body());
      }
      waitForConfirms(raw);
      // the broker sends a basic.return before the confirm of the same message
      return List.copyOf(returns);
    });
  }

  private Future<Void> next() {
    if (remaining <= 0) {
      return Future.succeededFuture();
    }
    int size = Math.min(BATCH, remaining);
    return channel.call(raw -> take(raw, size)).compose(batch -> {
      remaining = batch.size() < size ? 0 : remaining - batch.size();
      if (batch.isEmpty()) {
        return Future.succeededFuture();
      }
      List<DeadLetter> picked = pick(batch);
      return disposal.settle(this, picked)
          .compose(settled -> record(settled).map(settled))
          .compose(settled -> putBack(batch, settled))
          .compose(v -> channel.<Void>call(raw -> {
            raw.basicAck(batch.get(batch.size() - 1).tag(), true);
            return null;
          }))
          .compose(v -> next());
    });
  }

  private List<Taken> take(Channel raw, int size) throws IOException {
    List<Taken> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      GetResponse response = raw.basicGet(queue, false);
      if (response == null) {
        break;
      }
      batch.add(new Taken(response.getEnvelope().getDeliveryTag(),
          new DeadLetter(response.getProps(), response.getBody())));
    }
    return batch;
  }

  private List<DeadLetter> pick(List<Taken> batch) {
    List<DeadLetter> picked = new ArrayList<>();
    for (Taken taken : batch) {
      if (selected.size() < selection.limit() && selection.matches(taken.letter())) {
        selected.add(taken.letter());
        picked.add(taken.letter());
      }
    }
    return picked;
  }

  private Future<Void> record(List<Settlement> settled) {
    settlements.addAll(settled);
    return settled.isEmpty() || journal == null ? Future.succeededFuture() : journal.record(settled);
  }

  /** Copies every message of the batch that was not replayed or purged back to the tail, in order. */
  private Future<Void> putBack(List<Taken> batch, List<Settlement> settled) {
    Set<DeadLetter> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    settled.stream().filter(s -> s.outcome() != Outcome.KEPT).forEach(s -> gone.add(s.letter()));
    List<OutgoingMessage> copies = batch.stream()
        .map(Taken::letter)
        .filter(letter -> !gone.contains(letter))
        .map(letter -> letter.copyTo(queue))
        .toList();
    return publish(copies).compose(returned -> returned.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture("the broker could not route " + returned.size() + " copies back to " + queue
            + "; the originals stay in the queue"));
  }

  private void waitForConfirms(Channel raw) throws IOException, InterruptedException, TimeoutException {
    // closes the channel on a nack or timeout: every unacknowledged original goes back to the queue
    raw.waitForConfirmsOrDie(confirmTimeout.toMillis());
  }
}
