package dev.prost.platform.messaging.topology;

import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;

import com.rabbitmq.client.Channel;
import dev.prost.platform.messaging.Topology.Subscription;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;

/**
 * Declares a {@link Topology}: idempotent, so it runs at every start; the connection's
 * topology recovery replays the same declarations on every reconnect, before consumers
 * are recovered. Blocking: call it on an {@link AmqpChannel}'s thread.
 */
public final class TopologyDeclarer {

  private final MessagingConfig config;
  private final TopologyNames names;

  public TopologyDeclarer(MessagingConfig config) {
    this.config = config;
    this.names = new TopologyNames(config.namespace());
  }

  public void declare(Channel channel, Topology topology) throws IOException {
    declare(channel, TopologyPlan.of(config, List.of(topology)));
  }

  /** Declares every exchange, then every queue, then every binding of the plan. */
  public void declare(Channel channel, TopologyPlan plan) throws IOException {
    for (TopologyPlan.ExchangeSpec exchange : plan.exchanges()) {
      channel.exchangeDeclare(exchange.name(), exchange.type(), true);
    }
    for (TopologyPlan.QueueSpec queue : plan.queues()) {
      channel.queueDeclare(queue.name(), true, false, false, new HashMap<>(queue.arguments()));
    }
    for (TopologyPlan.BindingSpec binding : plan.bindings()) {
      channel.queueBind(binding.queue(), binding.exchange(), binding.routingKey());
    }
  }

  /** Deletes what {@link #declare} made (tests, and namespaces being retired). */
  public void delete(Channel channel, Topology topology) throws IOException {
    for (Subscription sub : topology.subscriptions()) {
      channel.queueDelete(names.workQueue(sub));
      channel.queueDelete(names.retryQueue(sub));
      channel.queueDelete(names.deadLetterQueue(sub));
      channel.exchangeDelete(names.deadLetterExchange(sub));
      channel.exchangeDelete(names.exchange(sub.producer()));
    }
    channel.exchangeDelete(names.exchange(topology.service()));
  }
}
