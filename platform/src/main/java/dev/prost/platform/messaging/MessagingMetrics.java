package dev.prost.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery pipeline's meters, all tagged with the service: published, confirmed,
 * publish failures, consumed, duplicates skipped, retried, dead-lettered, handler latency,
 * consumer commit-group size and relay lag (age of the oldest unpublished outbox row).
 */
public final class MessagingMetrics {

  private final MeterRegistry registry;
  private final String service;
  private final Counter published;
  private final Counter confirmed;
  private final Counter publishFailed;
  private final AtomicLong relayLagMillis = new AtomicLong();

  public MessagingMetrics(MeterRegistry registry, String service) {
    this.registry = registry;
    this.service = service;
    this.published = counter("prost.events.published");
    this.confirmed = counter("prost.events.confirmed");
    this.publishFailed = counter("prost.events.publish.failed");
    registry.gauge("prost.outbox.lag.seconds", io.micrometer.core.instrument.Tags.of("service", service),
        relayLagMillis, lag -> lag.get() / 1000.0);
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

  /** Events committed together in one consumer transaction. */
  public void groupCommitted(String consumer, int size) {
    registry.summary("prost.events.group.size", "service", service, "consumer", consumer).record(size);
  }

  public void relayLag(Duration age) {
    relayLagMillis.set(age.toMillis());
  }

  private Counter counter(String name) {
    return registry.counter(name, "service", service);
  }
}
