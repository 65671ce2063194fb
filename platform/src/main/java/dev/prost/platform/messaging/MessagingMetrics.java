package dev.prost.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery pipeline's meters, all tagged with the service: published, confirmed,
 * publish failures, consumed, duplicates skipped, retried, dead-lettered, handler latency,
 * consumer commit-group size, rows per relay pass, relay lag (age of the oldest unpublished outbox row), outbox
 * backlog (unpublished rows) and, per queue the service consumes, the messages ready in the work
 * queue ({@code prost.queue.ready}, the consumer's lag) and in its dead-letter queue
 * ({@code prost.dlq.depth}).
 */
public final class MessagingMetrics {

  private final MeterRegistry registry;
  private final String service;
  private final Counter published;
  private final Counter confirmed;
  private final Counter publishFailed;
  private final AtomicLong relayLagMillis = new AtomicLong();
  private final AtomicLong outboxBacklog = new AtomicLong();
  private final Map<String, AtomicLong> queueDepths = new ConcurrentHashMap<>();

  public MessagingMetrics(MeterRegistry registry, String service) {
    this.registry = registry;
    this.service = service;
    this.published = counter("prost.events.published");
    this.confirmed = counter("prost.events.confirmed");
    this.publishFailed = counter("prost.events.publish.failed");
    registry.gauge("prost.outbox.lag.seconds", io.micrometer.core.instrument.Tags.of("service", service),
        relayLagMillis, lag -> lag.get() / 1000.0);
    Gauge.builder("prost.outbox.backlog", outboxBacklog, AtomicLong::get)
        .description("Outbox rows not yet published").tag("service", service).register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void published() {
    published.increment();
  }

  public void confirmed() {
    confirmed.increment();
  }

  public void publishFailed() {
    publishFailed.increment();
  }

  public void consumed(String consumer, String eventType) {
    registry.counter("prost.events.consumed", "service", service, "consumer", consumer, "type", eventType).increment();
  }

  public void duplicate(String consumer, String eventType) {
    registry.counter("prost.events.duplicates", "service", service, "consumer", consumer, "type", eventType).increment();
  }

  public void retried(String consumer) {
    registry.counter("prost.events.retried", "service", service, "consumer", consumer).increment();
  }

  public void deadLettered(String consumer, String kind) {
    registry.counter("prost.events.dead_lettered", "service", service, "consumer", consumer, "kind", kind).increment();
  }

  public void handlerLatency(String consumer, Duration elapsed) {
    Timer.builder("prost.events.handler")
        .tags("service", service, "consumer", consumer)
        .publishPercentileHistogram()
        .register(registry)
        .record(elapsed);
  }

  /** Events committed together in one consumer transaction (its count is the consumer's commits). */
  public void groupCommitted(String consumer, int size) {
    registry.summary("prost.events.group.size", "service", service, "consumer", consumer).record(size);
  }

  /** Outbox rows one relay pass published (its count is the relay's commits). */
  public void relayPassed(int rows) {
    registry.summary("prost.outbox.pass.rows", "service", service).record(rows);
  }

  public void relayLag(Duration age) {
    relayLagMillis.set(age.toMillis());
  }

  public void outboxBacklog(long rows) {
    outboxBacklog.set(rows);
  }

  /** Messages ready in a work queue of this service's: how far its consumer is behind. */
  public void queueReady(String queue, long ready) {
    depth("prost.queue.ready", "Messages ready in a work queue (consumer lag)", queue).set(ready);
  }

  /** Messages in a dead-letter queue of this service's. */
  public void deadLetterDepth(String queue, long messages) {
    depth("prost.dlq.depth", "Messages in a dead-letter queue", queue).set(messages);
  }

  private AtomicLong depth(String name, String description, String queue) {
    return queueDepths.computeIfAbsent(name + ' ' + queue, key -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, AtomicLong::get).description(description)
          .tags("service", service, "queue", queue).register(registry);
      return value;
    });
  }

  private Counter counter(String name) {
    return registry.counter(name, "service", service);
  }
}
