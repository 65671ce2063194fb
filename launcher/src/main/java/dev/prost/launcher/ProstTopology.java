package dev.prost.launcher;

import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyDeclarer;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.messaging.topology.TopologyPlan;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The topology of every service together: what {@code prost topology declare} declares before
 * anything runs (so an event published before its consumers started waits in their queues)
 * and how {@code prost dlq} finds which service owns a dead-letter queue. The platform knows
 * no service; {@link Services} lists them.
 */
final class ProstTopology {

  static final List<Topology> ALL = Services.ALL.stream().map(Services.Service::topology).toList();

  /**
   * A dead-letter queue and who owns it.
   *
   * @param service the service whose consumer dead-lettered into it: its schema holds the
   *     consumer's inbox and receives the audit rows
   */
  record DeadLetterQueueOwner(String queue, String service, Subscription subscription) {
    String consumer() {
      return subscription.consumer();
    }
  }

  private ProstTopology() {}

  static TopologyPlan plan(MessagingConfig config) {
    return TopologyPlan.of(config, ALL);
  }

  /** Declares every exchange, queue and binding of every service on a channel of its own; idempotent. */
  static Future<TopologyPlan> declare(AmqpConnection connection, MessagingConfig config) {
    TopologyPlan plan = plan(config);
    return connection.openChannel("topology").compose(channel -> channel.<TopologyPlan>call(raw -> {
      new TopologyDeclarer(config).declare(raw, plan);
      return plan;
    }).onComplete(ar -> channel.close()));
  }

  /** Every dead-letter queue of the namespace, in declaration order. */
  static List<DeadLetterQueueOwner> deadLetterQueues(MessagingConfig config) {
    TopologyNames names = new TopologyNames(config.namespace());
    List<DeadLetterQueueOwner> owners = new ArrayList<>();
    for (Topology topology : ALL) {
      for (Subscription sub : topology.subscriptions()) {
        owners.add(new DeadLetterQueueOwner(names.deadLetterQueue(sub), topology.service(), sub));
      }
    }
    return owners;
  }

  /**
   * The owner of {@code queue}, named in full or without the namespace prefix.
   *
   * @throws OperatorException (usage) naming the namespace's dead-letter queues when it is none of them
   */
  static DeadLetterQueueOwner owner(MessagingConfig config, String queue) {
    List<DeadLetterQueueOwner> all = deadLetterQueues(config);
    for (DeadLetterQueueOwner owner : all) {
      if (owner.queue().equals(queue) || owner.queue().equals(config.namespace() + "." + queue)) {
        return owner;
      }
    }
    throw OperatorException.usage("unknown dead-letter queue '" + queue + "'; the namespace's are: "
        + String.join(", ", all.stream().map(DeadLetterQueueOwner::queue).toList()));
  }
}
