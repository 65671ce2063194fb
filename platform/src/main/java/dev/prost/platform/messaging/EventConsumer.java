package dev.prost.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
  private final InboxApplier applier;
  private final DeadLetters deadLetters;
  private final Deque<PendingEvent> pending = new ArrayDeque<>();
  private final String queue;

  private AmqpChannel channel;
  private String consumerTag;
  private int inFlight;
  private int running;

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
    this.applier = new InboxApplier(pool, subscription.consumer());
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
                ContextInternal eventContext = verticleContext.duplicate();
                eventContext.runOnContext(v -> accept(delivery, eventContext));
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

  /** Decodes a delivery on its own context and queues it; bad ones go to the DLQ at once. */
  private void accept(Delivery delivery, ContextInternal eventContext) {
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
    pending.add(new PendingEvent(delivery, envelope, handler, eventContext));
    drain();
  }

  /** Starts transactions for queued events, up to the configured concurrency. */
  private void drain() {
    while (running < config.consumerConcurrency() && !pending.isEmpty()) {
      List<PendingEvent> group = new ArrayList<>();
      while (group.size() < config.consumerBatchSize() && !pending.isEmpty()) {
        group.add(pending.poll());
      }
      running++;
      Future<Void> done = group.size() == 1 ? applyAlone(group.get(0)) : applyTogether(group);
      done.onComplete(ar -> {
        running--;
        drain();
      });
    }
  }

  private Future<Void> applyTogether(List<PendingEvent> group) {
    long started = System.nanoTime();
    return applier.applyTogether(((ContextInternal) context).duplicate(), group)
        .compose(results -> {
          metrics.groupCommitted(subscription.consumer(), group.size());
          for (int i = 0; i < group.size(); i++) {
            recordOutcome(group.get(i), results.get(i), started);
          }
          return ackAll(group);
        })
        .recover(failure -> {
          // which one failed? apply them one by one, each with its own retry/DLQ decision
          log.debug("group of {} rolled back ({}), applying one by one", group.size(), failure.toString());
          return Future.join(group.stream().map(this::applyAlone).toList()).mapEmpty();
        });
  }

  private Future<Void> applyAlone(PendingEvent event) {
    long started = System.nanoTime();
    Future<Void> outcome = applier.applyAlone(event)
        .onSuccess(fresh -> recordOutcome(event, fresh, started))
        .<Void>mapEmpty()
        .recover(failure -> onFailure(event.delivery(), event.envelope().metadata(), failure));
    return settle(event.delivery(), outcome);
  }

  private void recordOutcome(PendingEvent event, boolean fresh, long started) {
    EventMetadata meta = event.envelope().metadata();
    metrics.handlerLatency(subscription.consumer(), Duration.ofNanos(System.nanoTime() - started));
    if (fresh) {
      metrics.consumed(subscription.consumer(), meta.eventType());
    } else {
      log.debug("duplicate {} {} skipped", meta.eventType(), meta.eventId());
      metrics.duplicate(subscription.consumer(), meta.eventType());
    }
  }

  /** Acks a committed group in one call on the channel's thread. */
  private Future<Void> ackAll(List<PendingEvent> group) {
    return channel.<Void>call(raw -> {
      for (PendingEvent event : group) {
        raw.basicAck(event.deliveryTag(), false);
      }
      return null;
    }).onComplete(ar -> {
      if (ar.failed()) {
        // committed but not acked: redelivered after recovery, and skipped by the inbox then
        log.warn("could not ack {} committed deliveries: {}", group.size(), ar.cause().getMessage());
      }
      inFlight -= group.size();
    }).recover(e -> Future.succeededFuture());
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
  private Future<Void> settle(Delivery delivery, Future<?> outcome) {
    long tag = delivery.envelope().getDeliveryTag();
    return outcome
        .compose(v -> channel.<Void>call(raw -> {
          raw.basicAck(tag, false);
          return null;
        }))
        .recover(e -> {
          log.warn("could not settle delivery {}, requeueing it: {}", tag, e.getMessage());
          return channel.<Void>call(raw -> {
            raw.basicNack(tag, false, true);
            return null;
          });
        })
        .onComplete(ar -> inFlight--)
        .recover(e -> Future.<Void>succeededFuture());
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
