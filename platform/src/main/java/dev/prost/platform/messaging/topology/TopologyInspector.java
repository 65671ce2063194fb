package dev.prost.platform.messaging.topology;

import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;

import dev.prost.platform.messaging.impl.BrokerReplies;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Compares a {@link TopologyPlan} with the broker, entity by entity, without changing it:
 * which exchanges and queues exist, how many messages are ready in each queue and how many
 * consumers it has (a passive declare answers both), and whether an existing queue was
 * declared with other arguments than the plan's (another queue type, say). AMQP 0-9-1 cannot
 * list bindings or unacknowledged counts; those need the management plugin or
 * {@code rabbitmqctl}.
 *
 * <p>The argument check re-declares the existing queue with the plan's arguments: a no-op when
 * they match, a channel closed with PRECONDITION_FAILED when they do not. Each probe has a
 * channel of its own, because a refused one is closed by the broker.
 */
public final class TopologyInspector {

  /** One exchange of the plan and whether the broker has it. */
  public record ExchangeState(TopologyPlan.ExchangeSpec spec, boolean exists) {}

  /**
   * One queue of the plan as the broker reports it.
   *
   * @param difference the broker's refusal of the plan's arguments, or null when they match
   */
  public record QueueState(TopologyPlan.QueueSpec spec, boolean exists, int ready, int consumers,
      String difference) {}

  /** The whole comparison, in the plan's order. */
  public record Report(TopologyPlan plan, List<ExchangeState> exchanges, List<QueueState> queues) {}

  private final AmqpConnection connection;

  public TopologyInspector(AmqpConnection connection) {
    this.connection = connection;
  }

  public Future<Report> inspect(TopologyPlan plan) {
    List<ExchangeState> exchanges = new ArrayList<>();
    List<QueueState> queues = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (TopologyPlan.ExchangeSpec exchange : plan.exchanges()) {
      chain = chain.compose(v -> exchange(exchange)).map(state -> {
        exchanges.add(state);
        return null;
      });
    }
    for (TopologyPlan.QueueSpec queue : plan.queues()) {
      chain = chain.compose(v -> queue(queue)).map(state -> {
        queues.add(state);
        return null;
      });
    }
    return chain.map(v -> new Report(plan, exchanges, queues));
  }

  /** Whether the broker has an exchange of this name. */
  public Future<Boolean> exchangeExists(String exchange) {
    return probe(raw -> {
      raw.exchangeDeclarePassive(exchange);
      return true;
    }).recover(e -> notFound(e, false));
  }

  private Future<ExchangeState> exchange(TopologyPlan.ExchangeSpec spec) {
    return exchangeExists(spec.name()).map(exists -> new ExchangeState(spec, exists));
  }

  private Future<QueueState> queue(TopologyPlan.QueueSpec spec) {
    return probe(raw -> raw.queueDeclarePassive(spec.name()))
        .compose(ok -> probe(raw -> {
          raw.queueDeclare(spec.name(), true, false, false, new HashMap<>(spec.arguments()));
          return new QueueState(spec, true, ok.getMessageCount(), ok.getConsumerCount(), null);
        }).recover(e -> BrokerReplies.code(e) == BrokerReplies.PRECONDITION_FAILED
            ? Future.succeededFuture(new QueueState(spec, true, ok.getMessageCount(), ok.getConsumerCount(),
                BrokerReplies.text(e)))
            : Future.failedFuture(e)))
        .recover(e -> notFound(e, new QueueState(spec, false, 0, 0, null)));
  }

  private static <T> Future<T> notFound(Throwable failure, T missing) {
    return BrokerReplies.code(failure) == BrokerReplies.NOT_FOUND
        ? Future.succeededFuture(missing)
        : Future.failedFuture(failure);
  }

  private <T> Future<T> probe(AmqpChannel.ChannelCall<T> call) {
    return connection.openChannel("inspect").compose(channel -> channel.call(call)
        .onComplete(ar -> channel.close()));
  }
}
