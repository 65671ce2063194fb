package dev.prost.platform.messaging.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.QueueProbe;
import dev.prost.platform.testing.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One consumer's queues on the real broker under a random namespace, and the settlement
 * that works them: deliveries are taken with {@code basicGet} on a channel of the bench, so a
 * test settles them through the same classes the consumer uses.
 */
final class BrokerBench implements AutoCloseable {

  final Vertx vertx;
  final MessagingConfig config = TestNamespace.config();
  final Topology topology = Topology.forService("cart").consumeAs("cart-settle", "users", "user.registered").build();
  final Subscription subscription = topology.subscriptions().get(0);
  final TopologyNames names = new TopologyNames(config.namespace());
  final Context context;
  final InFlight inFlight = new InFlight();
  final AmqpConnection connection;
  final AmqpChannel channel;
  final EventPublisher publisher;
  final Settlement settlement;
  private final EventCodec codec = EventCodec.create();
  private boolean publisherClosed;

  BrokerBench(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.connection = Await.result(AmqpConnection.open(vertx, config, "prost-test-settlement"));
    Await.result(ServiceMessaging.declare(connection, config, topology));
    MessagingMetrics metrics = new MessagingMetrics(new SimpleMeterRegistry(), "cart");
    this.publisher = Await.result(EventPublisher.create(vertx, connection, config.confirmTimeout(), metrics));
    this.channel = Await.result(connection.openChannel("bench"));
    this.settlement = new Settlement(new FailureRouter(publisher, names, subscription, config, metrics), inFlight);
  }

  /** Puts {@code body} on the work queue and takes it back as an unacked delivery. */
  Delivery deliver(byte[] body) {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    Await.result(publisher.publish(new OutgoingMessage("", names.workQueue(subscription), props, body)));
    GetResponse got = Await.result(channel.call(raw -> raw.basicGet(names.workQueue(subscription), false)));
    on(() -> {
      inFlight.enter();
      return Future.succeededFuture();
    });
    return new Delivery(channel, got.getEnvelope(), got.getProps(), got.getBody());
  }

  Delivery deliver(EventEnvelope envelope) {
    return deliver(codec.encodeToString(envelope).getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code work} on the bench's context, as the consumer runs its chain, and waits for it. */
  <T> T on(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return Await.result(done.future());
  }

  /** Closes the publisher early: every copy published from now on fails. */
  void closePublisher() {
    publisherClosed = true;
    Await.result(vertx.executeBlocking(() -> {
      publisher.close();
      return null;
    }));
  }

  long ready(String queue) {
    return QueueProbe.ready(vertx, config, queue);
  }

  @Override
  public void close() {
    channel.close();
    Await.result(vertx.executeBlocking(() -> {
      if (!publisherClosed) {
        publisher.close();
      }
      connection.close();
      return null;
    }));
    NamespaceCleanup.broker(vertx, config, topology);
  }
}
