package dev.prost.platform.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.prost.platform.messaging.Topology.Subscription;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Declares a {@link Topology}: idempotent, so it runs at every start; the connection's
 * topology recovery replays the same declarations on every reconnect, before consumers
 * are recovered. Blocking: call it on an {@link AmqpChannel}'s thread.
 */
public final class TopologyDeclarer {

  private final TopologyNames names;
  private final MessagingConfig.QueueType queueType;

  public TopologyDeclarer(MessagingConfig config) {
    this.names = new TopologyNames(config.namespace());
    this.queueType = config.queueType();
  }

  public void declare(Channel channel, Topology topology) throws IOException {
    channel.exchangeDeclare(names.exchange(topology.service()), BuiltinExchangeType.TOPIC, true);
    for (Subscription sub : topology.subscriptions()) {
      String exchange = names.exchange(sub.producer());
      String work = names.workQueue(sub);
      channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
      channel.queueDeclare(work, true, false, false, queueArguments());

      // expired retries go back to the work queue through the default exchange
      Map<String, Object> retry = queueArguments();
      retry.put("x-dead-letter-exchange", "");
      retry.put("x-dead-letter-routing-key", work);
      channel.queueDeclare(names.retryQueue(sub), true, false, false, retry);

      channel.exchangeDeclare(names.deadLetterExchange(sub), BuiltinExchangeType.FANOUT, true);
      channel.queueDeclare(names.deadLetterQueue(sub), true, false, false, queueArguments());
      channel.queueBind(names.deadLetterQueue(sub), names.deadLetterExchange(sub), "");

      for (String key : sub.routingKeys()) {
        channel.queueBind(work, exchange, key);
      }
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

  private Map<String, Object> queueArguments() {
    Map<String, Object> args = new HashMap<>();
    args.put("x-queue-type", queueType == MessagingConfig.QueueType.QUORUM ? "quorum" : "classic");
    return args;
  }
}
