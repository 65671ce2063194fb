package dev.prost.platform.messaging.topology;

import dev.prost.platform.messaging.Topology;

import dev.prost.platform.messaging.Topology.Subscription;

/** The broker names of DESIGN.md §4, all under one namespace prefix. */
public record TopologyNames(String namespace) {

  /** {@code <ns>.<producer>.events}, a durable topic exchange. */
  public String exchange(String producer) {
    return namespace + "." + producer + ".events";
  }

  /** The namespaced form of a logical exchange name such as {@code catalog.events}. */
  public String namespaced(String logicalExchange) {
    return namespace + "." + logicalExchange;
  }

  /** {@code <ns>.<producer>.events.<consumer>}. */
  public String workQueue(Subscription subscription) {
    return exchange(subscription.producer()) + "." + subscription.consumer();
  }

  /** Where failed deliveries wait out their delay before dead-lettering back to the work queue. */
  public String retryQueue(Subscription subscription) {
    return workQueue(subscription) + ".retry";
  }

  public String deadLetterExchange(Subscription subscription) {
    return workQueue(subscription) + ".dlx";
  }

  public String deadLetterQueue(Subscription subscription) {
    return workQueue(subscription) + ".dlq";
  }

  /** The work queue whose failures a dead-letter queue holds: its name without {@code .dlq}. */
  public static String workQueueOf(String deadLetterQueue) {
    if (!deadLetterQueue.endsWith(".dlq")) {
      throw new IllegalArgumentException(deadLetterQueue + " is not a dead-letter queue (<work queue>.dlq)");
    }
    return deadLetterQueue.substring(0, deadLetterQueue.length() - ".dlq".length());
  }
}
