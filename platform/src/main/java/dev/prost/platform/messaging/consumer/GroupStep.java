package dev.prost.platform.messaging.consumer;

import io.vertx.core.Future;
import java.util.List;

/**
 * A link of the chain around the transaction: applies a group of events (often a group of
 * one), answering one outcome per event in order, or failing as a whole.
 */
@FunctionalInterface
interface GroupStep {
  Future<List<Outcome>> apply(List<PendingEvent> events);
}
