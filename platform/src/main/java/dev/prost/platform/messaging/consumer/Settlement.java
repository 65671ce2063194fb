package dev.prost.platform.messaging.consumer;

import dev.prost.platform.messaging.AmqpChannel;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles deliveries with the broker. A delivery whose work succeeded is acked; one whose work
 * failed is first copied to the retry queue or the dead-letter exchange by the
 * {@link FailureRouter}, and acked only once the broker confirmed the copy. If that copy or
 * the ack fails, the delivery is requeued, so nothing is ever dropped. Either way it leaves
 * the {@link InFlight} count.
 */
final class Settlement {

  private static final Logger log = LoggerFactory.getLogger(Settlement.class);

  private final FailureRouter failures;
  private final InFlight inFlight;

  Settlement(FailureRouter failures, InFlight inFlight) {
    this.failures = failures;
    this.inFlight = inFlight;
  }

  /** Acks once {@code work} succeeded; routes its failure (retry or DLQ) first otherwise. */
  Future<Void> settle(PendingEvent event, Future<?> work) {
    return settle(event.delivery(), work.<Void>mapEmpty()
        .recover(failure -> failures.route(event.delivery(), event.meta(), failure)));
  }

  /** Dead-letters at once, for deliveries that never reach a handler (undecodable, unhandled). */
  Future<Void> deadLetter(Delivery delivery, String kind, String reason) {
    return settle(delivery, failures.deadLetter(delivery, kind, reason));
  }

  /** Acks a committed group: one call per channel (a resubscribe may have left two). */
  Future<Void> ackAll(List<PendingEvent> group) {
    Map<AmqpChannel, List<Long>> tags = new LinkedHashMap<>();
    for (PendingEvent event : group) {
      tags.computeIfAbsent(event.delivery().channel(), c -> new ArrayList<>()).add(event.delivery().tag());
    }
    List<Future<Void>> acks = new ArrayList<>();
    tags.forEach((channel, list) -> acks.add(channel.<Void>call(raw -> {
      for (long tag : list) {
        raw.basicAck(tag, false);
      }
      return null;
    })));
    return Future.all(acks).<Void>mapEmpty()
        // committed but not acked: redelivered after recovery, and skipped by the inbox then
        .onFailure(e -> log.warn("could not ack {} committed deliveries: {}", group.size(), e.getMessage()))
        .onComplete(ar -> {
          group.forEach(event -> event.delivery().span().end());
          inFlight.leave(group.size());
        })
        .recover(e -> Future.succeededFuture());
  }

  private Future<Void> settle(Delivery delivery, Future<Void> outcome) {
    long tag = delivery.tag();
    return outcome
        .compose(v -> delivery.channel().<Void>call(raw -> {
          raw.basicAck(tag, false);
          return null;
        }))
        .recover(e -> {
          log.warn("could not settle delivery {}, requeueing it: {}", tag, e.getMessage());
          return delivery.channel().<Void>call(raw -> {
            raw.basicNack(tag, false, true);
            return null;
          });
        })
        .onComplete(ar -> {
          delivery.span().end();
          inFlight.leave(1);
        })
        .recover(e -> Future.succeededFuture());
  }
}
