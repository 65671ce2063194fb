package dev.prost.platform.messaging.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.prost.platform.logging.VertxContexts;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one subscription's work queue with manual acks, and hands each delivery, on a
 * duplicated context of its own, to the consumer chain:
 * <pre>
 * {@link TracingStep} (the consumer span) → {@link DeliveryDecoder} (poison → DLQ)
 *   → {@link GroupScheduler} (concurrency, groups)
 *   → {@link CommitGrouping} (one-by-one fallback, {@link Settlement}: ack / retry / DLQ)
 *   → {@link MeteringStep} → {@link AfterCommitStep} → {@link TransactionStep}
 *   → {@link InboxStep} (the idempotent handler decorator) → {@link HandlerStep}
 * </pre>
 * A stop cancels the subscription and waits until the deliveries in flight are settled.
 */
public final class EventConsumer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(10);

  private final AmqpConnection connection;
  private final EventPublisher publisher;
  private final Pool pool;
  private final Subscription subscription;
  private final EventHandlers handlers;
  private final MessagingConfig config;
  private final MessagingMetrics metrics;
  private final TopologyNames names;
  private final String queue;
  private final InFlight inFlight = new InFlight();

  private TracingStep first;
  private AmqpChannel channel;
  private String consumerTag;
  private boolean stopping;

  public EventConsumer(AmqpConnection connection, EventPublisher publisher, Pool pool, Subscription subscription,
      EventHandlers handlers, MessagingConfig config, MessagingMetrics metrics) {
    this.connection = connection;
    this.publisher = publisher;
    this.pool = pool;
    this.subscription = subscription;
    this.handlers = handlers;
    this.config = config;
    this.metrics = metrics;
    this.names = new TopologyNames(config.namespace());
    this.queue = names.workQueue(subscription);
  }

  @Override
  public Future<?> start() {
    first = chain(context);
    return subscribe().onSuccess(v -> log.info("consuming {} as {}", queue, subscription.consumer()));
  }

  private TracingStep chain(Context root) {
    String consumer = subscription.consumer();
    Settlement settlement = new Settlement(new FailureRouter(publisher, names, subscription, config, metrics), inFlight);
    GroupStep applying = new MeteringStep(metrics, consumer,
        new AfterCommitStep(handlers.groupAfterCommit(), new TransactionStep(pool, root, handlers.groupLock(),
            new InboxStep(consumer, new HandlerStep()))));
    CommitGrouping grouping = new CommitGrouping(applying, settlement);
    GroupScheduler scheduler =
        new GroupScheduler(vertx, config.consumerConcurrency(), config.consumerBatchSize(),
            config.consumerGroupWait(), grouping::apply);
    DeliveryDecoder decoder = new DeliveryDecoder(consumer, handlers, settlement, scheduler::offer);
    String service = Tracing.serviceOf(root);
    Tracer tracer = Tracing.of(vertx).tracer(service == null ? consumer : service);
    return new TracingStep(tracer, queue, consumer, decoder::accept);
  }

  /**
   * Opens a channel and consumes the work queue. Connection loss is healed by the client's
   * recovery; a channel closed by a channel-level error, or a consumer cancelled by the
   * broker (its queue deleted), is not, so then this subscribes again on a new channel.
   */
  private Future<Void> subscribe() {
    Context root = context;
    return connection.openChannel("consumer-" + subscription.consumer()).compose(opened -> {
      channel = opened;
      return opened.call(raw -> {
        raw.basicQos(config.prefetch());
        return raw.basicConsume(queue, false, new DefaultConsumer(raw) {
          @Override
          public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            // acks must go back on the channel the delivery came from: tags are per channel
            Delivery delivery = new Delivery(opened, envelope, props, body);
            // a duplicated context per delivery: its callbacks carry this event's correlation id
            Context eventContext = VertxContexts.duplicate(root);
            eventContext.runOnContext(v -> {
              inFlight.enter();
              first.accept(delivery, eventContext);
            });
          }

          @Override
          public void handleCancel(String tag) {
            log.error("broker cancelled the consumer of {} (queue deleted?); subscribing again", queue);
            root.runOnContext(v -> resubscribe(opened));
          }

          @Override
          public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
            if (!sig.isHardError() && !sig.isInitiatedByApplication()) {
              log.error("consumer channel of {} closed by the broker: {}; subscribing again", queue, sig.getMessage());
              root.runOnContext(v -> resubscribe(opened));
            }
          }
        });
      });
    }).map(tag -> {
      consumerTag = tag;
      return null;
    });
  }

  private void resubscribe(AmqpChannel broken) {
    if (stopping || channel != broken) {
      return;
    }
    broken.close();
    vertx.setTimer(1_000, id -> subscribe()
        .onSuccess(v -> log.info("consuming {} again", queue))
        .onFailure(e -> {
          log.warn("cannot consume {} yet: {}", queue, e.getMessage());
          resubscribe(channel);
        }));
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    Future<?> cancelled = consumerTag == null || channel == null
        ? Future.succeededFuture()
        : channel.call(raw -> {
          raw.basicCancel(consumerTag);
          return null;
        }).recover(e -> Future.succeededFuture());
    // in-flight handlers finish and ack before the channel closes (bounded by the undeploy timeout)
    return cancelled
        .compose(v -> inFlight.drained(vertx, DRAIN_PATIENCE))
        .onComplete(ar -> {
          if (inFlight.count() > 0) {
            log.warn("{} deliveries of {} still in flight after {} s; the broker redelivers them", inFlight.count(),
                queue, DRAIN_PATIENCE.toSeconds());
          }
          if (channel != null) {
            channel.close();
          }
        });
  }
}
