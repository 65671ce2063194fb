package dev.prost.platform.messaging;

import dev.prost.platform.messaging.topology.TopologyDeclarer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one service publishes and consumes, declared once per service and turned into
 * exchanges, queues and bindings by {@link TopologyDeclarer}.
 *
 * <pre>{@code
 * Topology.forService("catalog")
 *     .consume("orders", "order.placed", "order.confirmed", "order.failed")
 *     .build();
 * }</pre>
 *
 * @param service the publishing service: its exchange is {@code <ns>.<service>.events}
 * @param subscriptions one work queue each, {@code <ns>.<producer>.events.<consumer>}
 */
public record Topology(String service, List<Subscription> subscriptions) {

  public Topology {
    subscriptions = List.copyOf(subscriptions);
  }

  /**
   * One consumer of one producer's events.
   *
   * @param consumer the consumer's name, used in its queue name and as its inbox key;
   *     usually the service name, or {@code <service>-<role>} for a second consumer
   * @param producer whose exchange to bind to
   * @param routingKeys the keys bound to the work queue
   */
  public record Subscription(String consumer, String producer, Set<String> routingKeys) {
    public Subscription {
      routingKeys = Set.copyOf(routingKeys);
      if (routingKeys.isEmpty()) {
        throw new IllegalArgumentException(consumer + " subscribes to " + producer + " with no routing key");
      }
    }
  }

  public static Builder forService(String service) {
    return new Builder(service);
  }

  /** Builds a {@link Topology}. */
  public static final class Builder {
    private final String service;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private Builder(String service) {
      this.service = service;
    }

    /** The service itself consumes {@code routingKeys} from {@code producer}. */
    public Builder consume(String producer, String... routingKeys) {
      return consumeAs(service, producer, routingKeys);
    }

    /** A named consumer of the service consumes {@code routingKeys} from {@code producer}. */
    public Builder consumeAs(String consumer, String producer, String... routingKeys) {
      subscriptions.add(new Subscription(consumer, producer, Set.of(routingKeys)));
      return this;
    }

    public Topology build() {
      return new Topology(service, subscriptions);
    }
  }
}
