package dev.prost.platform.messaging.topology;

import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;

import com.rabbitmq.client.BuiltinExchangeType;
import dev.prost.platform.messaging.Topology.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every exchange, queue and binding that a set of {@link Topology topologies} stands for
 * under one namespace, in declaration order and without repeats (two services consuming
 * from the same producer share its exchange). {@link TopologyDeclarer} declares from it and
 * {@link TopologyInspector} reports on it, so what is shown is exactly what is declared.
 */
public record TopologyPlan(List<ExchangeSpec> exchanges, List<QueueSpec> queues, List<BindingSpec> bindings) {

  /** What a queue is for. */
  public enum Role { WORK, RETRY, DEAD_LETTER }

  public record ExchangeSpec(String name, BuiltinExchangeType type) {}

  /**
   * @param deadLetterTo where the broker moves expired messages (the work queue, for a retry
   *     queue), or null
   */
  public record QueueSpec(String name, Role role, Map<String, Object> arguments, String deadLetterTo) {
    public QueueSpec {
      arguments = Map.copyOf(arguments);
    }
  }

  /** {@code routingKey} is empty for the fanout dead-letter exchanges. */
  public record BindingSpec(String exchange, String routingKey, String queue) {}

  public TopologyPlan {
    exchanges = List.copyOf(exchanges);
    queues = List.copyOf(queues);
    bindings = List.copyOf(bindings);
  }

  public static TopologyPlan of(MessagingConfig config, List<Topology> topologies) {
    TopologyNames names = new TopologyNames(config.namespace());
    String queueType = config.queueType() == MessagingConfig.QueueType.QUORUM ? "quorum" : "classic";
    Map<String, ExchangeSpec> exchanges = new LinkedHashMap<>();
    Map<String, QueueSpec> queues = new LinkedHashMap<>();
    List<BindingSpec> bindings = new ArrayList<>();
    for (Topology topology : topologies) {
      exchanges.putIfAbsent(names.exchange(topology.service()),
          new ExchangeSpec(names.exchange(topology.service()), BuiltinExchangeType.TOPIC));
      for (Subscription sub : topology.subscriptions()) {
        String exchange = names.exchange(sub.producer());
        String work = names.workQueue(sub);
        exchanges.putIfAbsent(exchange, new ExchangeSpec(exchange, BuiltinExchangeType.TOPIC));
        queues.putIfAbsent(work, new QueueSpec(work, Role.WORK, queueArguments(config, queueType), null));
        // expired retries go back to the work queue through the default exchange
        queues.putIfAbsent(names.retryQueue(sub),
            new QueueSpec(names.retryQueue(sub), Role.RETRY, retryArguments(config, queueType, work), work));
        exchanges.putIfAbsent(names.deadLetterExchange(sub),
            new ExchangeSpec(names.deadLetterExchange(sub), BuiltinExchangeType.FANOUT));
        queues.putIfAbsent(names.deadLetterQueue(sub),
            new QueueSpec(names.deadLetterQueue(sub), Role.DEAD_LETTER, queueArguments(config, queueType), null));
        bindings.add(new BindingSpec(names.deadLetterExchange(sub), "", names.deadLetterQueue(sub)));
        for (String key : new TreeSet<>(sub.routingKeys())) {
          bindings.add(new BindingSpec(exchange, key, work));
        }
      }
    }
    return new TopologyPlan(new ArrayList<>(exchanges.values()), new ArrayList<>(queues.values()),
        bindings.stream().distinct().toList());
  }

  /**
   * A quorum retry queue dead-letters at least once: it keeps an expired message until the work
   * queue has confirmed it. The default, at most once, drops the messages that expire while the
   * broker restarts (their work queue is not up yet). At-least-once needs {@code reject-publish}
   * overflow; no length limit is set, so nothing is ever rejected. Classic queues cannot do it.
   */
  private static Map<String, Object> retryArguments(MessagingConfig config, String queueType, String workQueue) {
    Map<String, Object> arguments = queueArguments(config, queueType);
    arguments.put("x-dead-letter-exchange", "");
    arguments.put("x-dead-letter-routing-key", workQueue);
    if (queueType.equals("quorum")) {
      arguments.put("x-dead-letter-strategy", "at-least-once");
      arguments.put("x-overflow", "reject-publish");
    }
    return arguments;
  }

  /**
   * The queue type, and for quorum queues on a cluster their members: a queue declared on one
   * node of several gets {@code PROST_QUEUE_REPLICAS} members. On one node the argument is left
   * out (one member either way), so queues declared before it existed stay equivalent.
   */
  private static Map<String, Object> queueArguments(MessagingConfig config, String queueType) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("x-queue-type", queueType);
    if (queueType.equals("quorum") && (config.amqpUris().size() > 1 || config.queueReplicas() != 1)) {
      arguments.put("x-quorum-initial-group-size", config.queueReplicas());
    }
    return arguments;
  }

  /** The dead-letter queues, in declaration order. */
  public List<QueueSpec> deadLetterQueues() {
    return queues.stream().filter(q -> q.role() == Role.DEAD_LETTER).toList();
  }
}
