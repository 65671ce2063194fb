package dev.prost.platform.messaging;

import dev.prost.platform.messaging.topology.TopologyDeclarer;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.consumer.EventConsumer;
import dev.prost.platform.messaging.relay.OutboxRelay;
import dev.prost.platform.messaging.relay.RetentionSweeper;
import dev.prost.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's whole delivery pipeline, started in order: broker connection → topology
 * declared → confirming publisher → outbox relay and retention sweeper → one consumer per
 * subscription. {@link #stop()} undoes it in reverse: consumers first (in-flight handlers
 * finish and ack), then the relay (its pass finishes), then publisher and connection.
 */
public final class ServiceMessaging {

  private final Vertx vertx;
  private final AmqpConnection connection;
  private final AmqpChannel topologyChannel;
  private final EventPublisher publisher;
  private final List<String> consumerDeployments;
  private final List<String> relayDeployments;

  private ServiceMessaging(Vertx vertx, AmqpConnection connection, AmqpChannel topologyChannel,
      EventPublisher publisher, List<String> relayDeployments, List<String> consumerDeployments) {
    this.vertx = vertx;
    this.connection = connection;
    this.topologyChannel = topologyChannel;
    this.publisher = publisher;
    this.relayDeployments = relayDeployments;
    this.consumerDeployments = consumerDeployments;
  }

  /**
   * @param handlers one handler table per consumer name of the topology's subscriptions
   */
  public static Future<ServiceMessaging> start(Vertx vertx, Pool pool, ServiceSchema schema,
      MessagingConfig config, Topology topology, Map<String, EventHandlers> handlers, MessagingMetrics metrics) {
    for (Subscription sub : topology.subscriptions()) {
      if (!handlers.containsKey(sub.consumer())) {
        return Future.failedFuture(new IllegalArgumentException("no handlers for consumer " + sub.consumer()));
      }
    }
    return AmqpConnection.open(vertx, config, connectionName(topology.service(), config)).compose(connection ->
        declare(connection, config, topology).compose(topologyChannel ->
            EventPublisher.create(vertx, connection, config.confirmTimeout(), metrics).compose(publisher -> {
              List<String> relays = new ArrayList<>();
              List<String> consumers = new ArrayList<>();
              Future<Void> chain = deploy(vertx, topology, new OutboxRelay(pool, schema, publisher, config, metrics), relays)
                  .compose(v -> deploy(vertx, topology, new RetentionSweeper(pool, config), relays));
              for (Subscription sub : topology.subscriptions()) {
                chain = chain.compose(v -> deploy(vertx, topology, new EventConsumer(connection, publisher, pool, sub,
                    handlers.get(sub.consumer()), config, metrics), consumers));
              }
              chain = chain.compose(v -> deploy(vertx, topology, new QueueDepths(connection,
                  new TopologyNames(config.namespace()), topology.subscriptions(), metrics), consumers));
              return chain.map(v ->
                  new ServiceMessaging(vertx, connection, topologyChannel, publisher, relays, consumers));
            })));
  }

  /**
   * The name the service's broker connection shows in the management tools:
   * {@code prost-<service>@<namespace>}, so instances of several namespaces on one broker
   * (a test run beside another, a staging namespace) can be told apart.
   */
  public static String connectionName(String service, MessagingConfig config) {
    return "prost-" + service + "@" + config.namespace();
  }

  /**
   * Declares the topology; idempotent. The channel stays open for the connection's life:
   * the client's topology recovery replays each declaration on the channel that made it,
   * so closing it would silently skip the re-declaration after a reconnect.
   */
  public static Future<AmqpChannel> declare(AmqpConnection connection, MessagingConfig config, Topology topology) {
    TopologyDeclarer declarer = new TopologyDeclarer(config);
    return connection.openChannel("topology").compose(channel -> channel.call(raw -> {
      declarer.declare(raw, topology);
      return channel;
    }));
  }

  /** For {@code /health/ready}: fails while the broker connection is down (it is recovering). */
  public Future<Void> health() {
    return connection.isOpen() ? Future.succeededFuture() : Future.failedFuture("broker connection down");
  }

  public EventPublisher publisher() {
    return publisher;
  }

  public AmqpConnection connection() {
    return connection;
  }

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (String id : consumerDeployments) {
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    for (String id : relayDeployments) {
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain.eventually(() -> vertx.executeBlocking(() -> {
      publisher.close();
      topologyChannel.close();
      connection.close();
      return null;
    }));
  }

  // the deployment names the service: the spans its contexts make are the service's
  private static Future<Void> deploy(Vertx vertx, Topology topology, io.vertx.core.Deployable verticle,
      List<String> ids) {
    return vertx.deployVerticle(verticle, Tracing.deployment(topology.service())).onSuccess(ids::add).mapEmpty();
  }
}
