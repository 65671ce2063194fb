package dev.prost.platform.messaging.impl;

import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.DeadLetter;
import dev.prost.platform.messaging.DeadLetterQueue;
import dev.prost.platform.messaging.DeadLetterSelection;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.TopologyInspector;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DeadLetterQueue} by rotation: each operation is one {@link DeadLetterPass} on a
 * confirm-mode channel of its own, which it closes at the end (returning, after a failure,
 * whatever it had not acknowledged).
 */
public final class RotatingDeadLetterQueue implements DeadLetterQueue {

  private final AmqpConnection connection;
  private final String queue;
  private final Duration confirmTimeout;
  private final TopologyInspector inspector;

  public RotatingDeadLetterQueue(AmqpConnection connection, String queue, Duration confirmTimeout) {
    this.connection = connection;
    this.queue = queue;
    this.confirmTimeout = confirmTimeout;
    this.inspector = new TopologyInspector(connection);
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
    Map<String, Boolean> exchanges = new HashMap<>();
    return pass(selection, (pass, selected) -> replayBatch(pass, selected, exchanges), journal)
        .map(DeadLetterPass::settlements);
  }

  private Future<DeadLetterPass> pass(DeadLetterSelection selection, DeadLetterPass.Disposal disposal,
      Journal journal) {
    return connection.openChannel("dlq").compose(channel ->
        new DeadLetterPass(channel, queue, selection, disposal, journal, confirmTimeout).run()
            .onComplete(ar -> channel.close()));
  }

  /**
   * Replays the batch's selected messages. A publish to a missing exchange would close the
   * channel, so each original exchange is checked once per pass, on a channel of its own.
   */
  private Future<List<Settlement>> replayBatch(DeadLetterPass pass, List<DeadLetter> selected,
      Map<String, Boolean> exchanges) {
    Instant now = Instant.now();
    List<Optional<OutgoingMessage>> replays = selected.stream().map(letter -> letter.replay(now)).toList();
    Set<String> unchecked = new LinkedHashSet<>();
    replays.stream().flatMap(Optional::stream).map(OutgoingMessage::exchange)
        .filter(exchange -> !exchanges.containsKey(exchange))
        .forEach(unchecked::add);
    Future<Void> checked = Future.succeededFuture();
    for (String exchange : unchecked) {
      checked = checked.compose(v -> inspector.exchangeExists(exchange)).map(exists -> {
        exchanges.put(exchange, exists);
        return null;
      });
    }
    return checked.compose(v -> {
      List<OutgoingMessage> sendable = replays.stream()
          .flatMap(Optional::stream)
          .filter(m -> exchanges.get(m.exchange()))
          .toList();
      return pass.publish(sendable);
    }).map(returned -> {
      List<Settlement> settled = new ArrayList<>();
      for (int i = 0; i < selected.size(); i++) {
        settled.add(settle(selected.get(i), replays.get(i), exchanges, returned));
      }
      return settled;
    });
  }

  private static Settlement settle(DeadLetter letter, Optional<OutgoingMessage> replay,
      Map<String, Boolean> exchanges, List<DeadLetterPass.Returned> returned) {
    if (replay.isEmpty()) {
      return new Settlement(letter, Outcome.KEPT, "kept: the message does not say where it was first published");
    }
    OutgoingMessage m = replay.get();
    if (!exchanges.get(m.exchange())) {
      return new Settlement(letter, Outcome.KEPT, "kept: exchange " + m.exchange() + " does not exist");
    }
    boolean unroutable = returned.stream().anyMatch(r -> r.exchange().equals(m.exchange())
        && r.routingKey().equals(m.routingKey())
        && Objects.equals(r.messageId(), m.properties().getMessageId()));
    return unroutable
        ? new Settlement(letter, Outcome.KEPT, "kept: no queue is bound to " + m.exchange() + " with key "
            + m.routingKey())
        : new Settlement(letter, Outcome.REPLAYED, "replayed to " + m.exchange() + " " + m.routingKey());
  }
}
