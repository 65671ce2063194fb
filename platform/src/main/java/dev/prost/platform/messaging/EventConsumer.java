package dev.prost.platform.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final FailureRouter failures;
  private final Deque<PendingEvent> pending = new ArrayDeque<>();
  private final String queue;

  private AmqpChannel channel;
  private String consumerTag;
  private int inFlight;
  private int running;
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
    TopologyNames names = new TopologyNames(config.namespace());
    this.queue = names.workQueue(subscription);
    this.failures = new FailureRouter(publisher, names, subscription, config, metrics);
    this.applier = new InboxApplier(pool, subscription.consumer());
  }

  @Override
  public Future<?> start() {
    return subscribe().onSuccess(v -> log.info("consuming {} as {}", queue, subscription.consumer()));
  }

  /**
   * Opens a channel and consumes the work queue. Connection loss is healed by the client's
   * recovery; a channel closed by a channel-level error, or a consumer cancelled by the
   * broker (its queue deleted), is not, so then this subscribes again on a new channel.
   */
  private Future<Void> subscribe() {
    ContextInternal verticleContext = (ContextInternal) context;
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
            ContextInternal eventContext = verticleContext.duplicate();
            eventContext.runOnContext(v -> accept(delivery, eventContext));
          }

          @Override
          public void handleCancel(String tag) {
            log.error("broker cancelled the consumer of {} (queue deleted?); subscribing again", queue);
            verticleContext.runOnContext(v -> resubscribe(opened));
          }

          @Override
          public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
            if (!sig.isHardError() && !sig.isInitiatedByApplication()) {
              log.error("consumer channel of {} closed by the broker: {}; subscribing again", queue, sig.getMessage());
              verticleContext.runOnContext(v -> resubscribe(opened));
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
      settle(delivery, failures.deadLetter(delivery, "decode", e.getMessage()));
      return;
    }
    EventMetadata meta = envelope.metadata();
    CorrelationIds.set(meta.correlationId());
    EventHandler handler = handlers.forType(meta.eventType()).orElse(null);
    if (handler == null) {
      settle(delivery, failures.deadLetter(delivery, "permanent",
          "consumer " + subscription.consumer() + " has no handler for " + meta.eventType()));
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
        .recover(failure -> failures.route(event.delivery(), event.envelope().metadata(), failure));
    return settle(event.delivery(), outcome);
  }

  private void recordOutcome(PendingEvent event, boolean fresh, long started) {
    EventMetadata meta = event.envelope().metadata();
    metrics.handlerLatency(subscription.consumer(), Duration.ofNanos(System.nanoTime() - started));
    if (fresh) {
      metrics.consumed(subscription.consumer(), meta.eventType());
      event.context().dispatch(() -> handlers.afterCommit(event.envelope())
          .onFailure(e -> log.warn("after-commit action of {} {} failed: {}", meta.eventType(), meta.eventId(),
              e.getMessage())));
    } else {
      log.debug("duplicate {} {} skipped", meta.eventType(), meta.eventId());
      metrics.duplicate(subscription.consumer(), meta.eventType());
    }
  }

  /** Acks a committed group: one call on the channel's thread (per channel, after a resubscribe). */
  private Future<Void> ackAll(List<PendingEvent> group) {
    Map<AmqpChannel, List<Long>> tags = new LinkedHashMap<>();
    for (PendingEvent event : group) {
      tags.computeIfAbsent(event.delivery().channel(), c -> new ArrayList<>()).add(event.deliveryTag());
    }
    List<Future<Void>> acks = new ArrayList<>();
    tags.forEach((ackChannel, list) -> acks.add(ackChannel.<Void>call(raw -> {
      for (long tag : list) {
        raw.basicAck(tag, false);
      }
      return null;
    })));
    return Future.all(acks).<Void>mapEmpty().onComplete(ar -> {
      if (ar.failed()) {
        // committed but not acked: redelivered after recovery, and skipped by the inbox then
        log.warn("could not ack {} committed deliveries: {}", group.size(), ar.cause().getMessage());
      }
      inFlight -= group.size();
    }).recover(e -> Future.succeededFuture());
  }

  /** Acks once {@code outcome} succeeded; otherwise requeues, so nothing is ever dropped. */
  private Future<Void> settle(Delivery delivery, Future<?> outcome) {
    long tag = delivery.envelope().getDeliveryTag();
    return outcome
        .compose(v -> delivery.channel().<Void>call(raw -> {
          raw.basicAck(tag, false);
          return null;
        }))
        .recover(e -> {
          log.warn("could not settle delivery {}, requeueing it: {}", tag, e.getMessage());
          return delivery.channel().<Void>call(raw -> {
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
