package dev.prost.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.prost.platform.db.IdempotencyStore;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.logging.CorrelationIds;
import dev.prost.platform.messaging.Topology.Subscription;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one subscription's work queue with manual acks. Each delivery: decode → inbox
 * insert and handler in one transaction → commit → ack. A failure is classified: transient
 * ones are re-published to the retry queue with a growing delay, until the configured
 * attempts are spent; permanent ones and decode errors go to the dead-letter queue at once.
 * Either copy is confirmed by the broker before the original is acked, so a crash in
 * between duplicates a message (the inbox absorbs it) and never loses one. Deliveries are
 * processed concurrently up to the prefetch, so a poison message never blocks the rest.
 */
public final class EventConsumer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

  private final AmqpConnection connection;
  private final EventPublisher publisher;
  private final Pool pool;
  private final Subscription subscription;
  private final EventHandlers handlers;
  private final MessagingConfig config;
  private final MessagingMetrics metrics;
  private final EventCodec codec = EventCodec.create();
  private final IdempotencyStore inbox = IdempotencyStore.create();
  private final DeadLetters deadLetters;
  private final String queue;

  private AmqpChannel channel;
  private String consumerTag;
  private int inFlight;

  public EventConsumer(AmqpConnection connection, EventPublisher publisher, Pool pool, Subscription subscription,
      EventHandlers handlers, MessagingConfig config, MessagingMetrics metrics) {
    this.connection = connection;
    this.publisher = publisher;
    this.pool = pool;
    this.subscription = subscription;
    this.handlers = handlers;
    this.config = config;
    this.metrics = metrics;
    TopologyNames names = new TopologyNames(config.namespace());
    this.queue = names.workQueue(subscription);
    this.deadLetters = new DeadLetters(publisher, names, subscription);
  }

  @Override
  public Future<?> start() {
    ContextInternal verticleContext = (ContextInternal) context;
    return connection.openChannel("consumer-" + subscription.consumer())
        .compose(opened -> {
          channel = opened;
          return channel.call(raw -> {
            raw.basicQos(config.prefetch());
            return raw.basicConsume(queue, false, new DefaultConsumer(raw) {
              @Override
              public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                Delivery delivery = new Delivery(envelope, props, body);
                // a duplicated context per delivery: its callbacks carry this event's correlation id
                verticleContext.duplicate().runOnContext(v -> process(delivery));
              }
            });
          });
        })
        .onSuccess(tag -> {
          consumerTag = tag;
          log.info("consuming {} as {}", queue, subscription.consumer());
        });
  }

  @Override
  public Future<?> stop() {
    Future<?> cancelled = consumerTag == null || channel == null
        ? Future.succeededFuture()
        : channel.call(raw -> {
          raw.basicCancel(consumerTag);
          return null;
        }).recover(e -> Future.succeededFuture());
    // in-flight handlers finish and ack before the channel closes (bounded by the undeploy timeout)
    return cancelled.compose(v -> drained(Duration.ofSeconds(10))).onComplete(ar -> {
      if (channel != null) {
        channel.close();
      }
    });
  }

  private void process(Delivery delivery) {
    inFlight++;
    EventEnvelope envelope;
    try {
      envelope = codec.decode(delivery.body());
    } catch (EventDecodingException e) {
      settle(delivery, deadLetters.publish(delivery, "decode", e.getMessage(), delivery.attempts() + 1)
          .onSuccess(v -> metrics.deadLettered(subscription.consumer(), "decode")));
      return;
    }
    EventMetadata meta = envelope.metadata();
    CorrelationIds.set(meta.correlationId());
    EventHandler handler = handlers.forType(meta.eventType()).orElse(null);
    if (handler == null) {
      settle(delivery, deadLetters.publish(delivery, "permanent",
              "consumer " + subscription.consumer() + " has no handler for " + meta.eventType(), delivery.attempts() + 1)
          .onSuccess(v -> metrics.deadLettered(subscription.consumer(), "permanent")));
      return;
    }
    long started = System.nanoTime();
    Future<Boolean> applied = pool.withTransaction(conn -> inbox
        .recordIfAbsent(conn, subscription.consumer(), meta.eventId(), meta.eventType(), meta.correlationId())
        .compose(fresh -> fresh ? handler.handle(conn, envelope).map(true) : Future.succeededFuture(false)));
    settle(delivery, applied
        .onSuccess(fresh -> {
          metrics.handlerLatency(subscription.consumer(), Duration.ofNanos(System.nanoTime() - started));
          if (fresh) {
            metrics.consumed(subscription.consumer(), meta.eventType());
          } else {
            log.debug("duplicate {} {} skipped", meta.eventType(), meta.eventId());
            metrics.duplicate(subscription.consumer(), meta.eventType());
          }
        })
        .<Void>mapEmpty()
        .recover(failure -> onFailure(delivery, meta, failure)));
  }

  /** Routes a failed delivery to the retry queue or the DLQ; succeeds once the copy is confirmed. */
  private Future<Void> onFailure(Delivery delivery, EventMetadata meta, Throwable failure) {
    int attempts = delivery.attempts() + 1;
    FailureClassifier.Kind kind = FailureClassifier.classify(failure);
    String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (kind == FailureClassifier.Kind.TRANSIENT && attempts < config.maxAttempts()) {
      Duration delay = config.retryDelay(attempts);
      log.warn("{} {} failed transiently (attempt {} of {}), retrying in {} ms: {}", meta.eventType(),
          meta.eventId(), attempts, config.maxAttempts(), delay.toMillis(), reason);
      return deadLetters.retry(delivery, attempts, delay).onSuccess(v -> metrics.retried(subscription.consumer()));
    }
    String label = kind == FailureClassifier.Kind.TRANSIENT ? "transient" : "permanent";
    log.error("{} {} dead-lettered after {} attempt(s) ({}): {}", meta.eventType(), meta.eventId(), attempts,
        label, reason);
    return deadLetters.publish(delivery, label, reason, attempts)
        .onSuccess(v -> metrics.deadLettered(subscription.consumer(), label));
  }

  /** Acks once {@code outcome} succeeded; otherwise requeues, so nothing is ever dropped. */
  private void settle(Delivery delivery, Future<?> outcome) {
    long tag = delivery.envelope().getDeliveryTag();
    outcome
        .compose(v -> channel.call(raw -> {
          raw.basicAck(tag, false);
          return null;
        }))
        .recover(e -> {
          log.warn("could not settle delivery {}, requeueing it: {}", tag, e.getMessage());
          return channel.call(raw -> {
            raw.basicNack(tag, false, true);
            return null;
          });
        })
        .onComplete(ar -> inFlight--);
  }

  private Future<Void> drained(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    return Future.future(done -> {
      vertx.setPeriodic(0, 20, id -> {
        if (inFlight == 0 || System.nanoTime() > deadline) {
          vertx.cancelTimer(id);
          done.complete();
        }
      });
    });
  }
}
