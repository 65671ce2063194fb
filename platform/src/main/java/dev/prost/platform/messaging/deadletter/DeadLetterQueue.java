package dev.prost.platform.messaging.deadletter;

import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.deadletter.impl.RotatingDeadLetterQueue;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Operator access to one dead-letter queue: read it, replay messages to the consumer that
 * gave up on them, or remove them, without ever losing one and keeping the rest in order.
 *
 * <p>Every operation makes one pass over the messages present when it starts: it takes each
 * one (unacknowledged), decides, and either sends it on (a replay, confirmed by the broker),
 * drops it (a purge), or puts an identical copy back at the tail (confirmed), and only then
 * acknowledges the original. Because the pass takes every message, the copies land in the
 * original order. A crash or broker failure half-way returns the unacknowledged originals to
 * the queue, so the worst case is a duplicate, which the consumer's inbox absorbs on replay.
 * Messages are never requeued with a nack: a quorum queue counts such returns and, past its
 * delivery limit, drops the message — so even reading must not rely on them. One pass per
 * queue at a time: a message removed by someone else during a pass makes it reach its own
 * copies (they are read again and put back, nothing is lost).
 */
public interface DeadLetterQueue {

  /** What became of a selected message. */
  enum Outcome { REPLAYED, PURGED, KEPT }

  /** A selected message and what was done with it; {@code detail} says where to, or why not. */
  record Settlement(DeadLetter letter, Outcome outcome, String detail) {}

  /**
   * Records settled messages durably (the audit) before their originals are acknowledged; a
   * failure stops the pass with those originals still in the queue.
   */
  @FunctionalInterface
  interface Journal {
    Future<Void> record(List<Settlement> settled);
  }

  static DeadLetterQueue create(AmqpConnection connection, String queue, Duration confirmTimeout) {
    return new RotatingDeadLetterQueue(connection, queue, confirmTimeout);
  }

  String name();

  /** The selected messages; every message stays, in order. */
  Future<List<DeadLetter>> browse(DeadLetterSelection selection);

  /**
   * Publishes each selected message to the work queue whose consumer dead-lettered it
   * (mandatory, with confirms; {@link DeadLetter#replay}) and removes it once confirmed. One
   * the broker cannot route (the work queue is gone) is {@link Outcome#KEPT} in the queue.
   */
  Future<List<Settlement>> replay(DeadLetterSelection selection, Journal journal);

  /** Removes the selected messages, after the journal recorded them. */
  Future<List<Settlement>> purge(DeadLetterSelection selection, Journal journal);
}
