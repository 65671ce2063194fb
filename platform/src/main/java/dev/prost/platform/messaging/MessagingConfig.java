package dev.prost.platform.messaging;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Broker connection and delivery-pipeline settings, read once from the environment.
 *
 * @param amqpUri {@code PROST_AMQP_URI}, default {@code amqp://guest:guest@127.0.0.1:5672}; with
 *     {@code PROST_AMQP_URIS}, the first of those
 * @param amqpUris {@code PROST_AMQP_URIS}: every node of a cluster, comma-separated, all with the
 *     same scheme, user and vhost (default: {@code PROST_AMQP_URI} alone). A connection goes to
 *     any node that answers and recovers to another when its node is lost
 * @param queueReplicas {@code PROST_QUEUE_REPLICAS}: members of each new quorum queue
 *     ({@code x-quorum-initial-group-size}; default: the number of nodes, at most 3)
 * @param namespace {@code PROST_NAMESPACE}: prefix of every exchange and queue (default {@code prost})
 * @param queueType {@code PROST_QUEUE_TYPE}: {@code quorum} (default) or {@code classic}
 * @param prefetch {@code PROST_PREFETCH}: unacknowledged deliveries per consumer (default 128)
 * @param consumerBatchSize {@code PROST_CONSUMER_BATCH_SIZE}: deliveries a consumer may apply in
 *     one transaction when they queue up (default 32; 1 = one transaction per event)
 * @param consumerConcurrency {@code PROST_CONSUMER_CONCURRENCY}: transactions a consumer runs at
 *     once (default 4)
 * @param consumerGroupWait {@code PROST_CONSUMER_GROUP_WAIT}: how long an event that arrives while
 *     one of its consumer's transactions is in flight waits to join the next group before it
 *     takes a free slot of its own (default 20ms; 0s = take a free slot at once)
 * @param maxAttempts {@code PROST_RETRY_MAX_ATTEMPTS}: deliveries of a transiently failing
 *     message before it is dead-lettered (default 5)
 * @param retryBaseDelay {@code PROST_RETRY_BASE_DELAY}: wait before the first retry, doubled for
 *     each further one (default 500ms)
 * @param retryMaxDelay {@code PROST_RETRY_MAX_DELAY}: the cap of that growth (default 30s)
 * @param relayBatchSize {@code PROST_RELAY_BATCH_SIZE}: outbox rows claimed per pass, which is
 *     also the publisher-confirm window (default 250)
 * @param relayPollInterval {@code PROST_RELAY_POLL_INTERVAL}: how often the relay looks for rows
 *     no local commit announced (default 1s)
 * @param relayPassInterval {@code PROST_RELAY_PASS_INTERVAL}: the least time between the starts of
 *     two passes of one relay, so that under load one pass (one commit) publishes many rows
 *     (default 20ms; 0s = a pass for every commit the relay can keep up with)
 * @param confirmTimeout {@code PROST_PUBLISH_CONFIRM_TIMEOUT} (default 10s)
 * @param outboxRetention {@code PROST_OUTBOX_RETENTION}: how long a published row is kept,
 *     stamped with {@code published_at}, for {@code prost trace} and audits (default 0s: the
 *     relay deletes each row in the pass that publishes it)
 * @param inboxRetention {@code PROST_INBOX_RETENTION}: age at which inbox records are pruned
 *     (default 7 days; must exceed the longest time a duplicate can arrive)
 */
public record MessagingConfig(
    URI amqpUri,
    List<URI> amqpUris,
    int queueReplicas,
    String namespace,
    QueueType queueType,
    int prefetch,
    int consumerBatchSize,
    int consumerConcurrency,
    Duration consumerGroupWait,
    int maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    int relayBatchSize,
    Duration relayPollInterval,
    Duration relayPassInterval,
    Duration confirmTimeout,
    Duration outboxRetention,
    Duration inboxRetention) {

  public enum QueueType { QUORUM, CLASSIC }

  public MessagingConfig {
    amqpUris = List.copyOf(amqpUris);
  }

  public static MessagingConfig from(Env env) {
    String type = env.string("PROST_QUEUE_TYPE", "quorum");
    QueueType queueType = switch (type) {
      case "quorum" -> QueueType.QUORUM;
      case "classic" -> QueueType.CLASSIC;
      default -> throw new ConfigException("PROST_QUEUE_TYPE", "'" + type + "' is not quorum or classic");
    };
    List<URI> uris = BrokerAddresses.uris(env);
    return new MessagingConfig(
        uris.get(0),
        uris,
        env.integer("PROST_QUEUE_REPLICAS", Math.min(uris.size(), 3), 1, 99),
        env.identifier("PROST_NAMESPACE", "prost"),
        queueType,
        env.integer("PROST_PREFETCH", 128, 1, 10_000),
        env.integer("PROST_CONSUMER_BATCH_SIZE", 32, 1, 1000),
        env.integer("PROST_CONSUMER_CONCURRENCY", 4, 1, 100),
        env.durationOrZero("PROST_CONSUMER_GROUP_WAIT", Duration.ofMillis(20)),
        env.integer("PROST_RETRY_MAX_ATTEMPTS", 5, 1, 100),
        env.duration("PROST_RETRY_BASE_DELAY", Duration.ofMillis(500)),
        env.duration("PROST_RETRY_MAX_DELAY", Duration.ofSeconds(30)),
        env.integer("PROST_RELAY_BATCH_SIZE", 250, 1, 10_000),
        env.duration("PROST_RELAY_POLL_INTERVAL", Duration.ofSeconds(1)),
        env.durationOrZero("PROST_RELAY_PASS_INTERVAL", Duration.ofMillis(20)),
        env.duration("PROST_PUBLISH_CONFIRM_TIMEOUT", Duration.ofSeconds(10)),
        env.durationOrZero("PROST_OUTBOX_RETENTION", Duration.ZERO),
        env.duration("PROST_INBOX_RETENTION", Duration.ofDays(7)));
  }

  /** The same settings under another namespace (tests use a random one). */
  public MessagingConfig withNamespace(String otherNamespace) {
    return new MessagingConfig(amqpUri, amqpUris, queueReplicas, otherNamespace, queueType, prefetch, consumerBatchSize,
        consumerConcurrency, consumerGroupWait, maxAttempts, retryBaseDelay,
        retryMaxDelay, relayBatchSize, relayPollInterval, relayPassInterval, confirmTimeout, outboxRetention,
        inboxRetention);
  }

  /**
   * The same settings with a service's own consumer grouping: {@code PROST_<SERVICE>_CONSUMER_BATCH_SIZE}
   * and {@code PROST_<SERVICE>_CONSUMER_CONCURRENCY} if set, else the shared {@code PROST_CONSUMER_*}
   * if set, else the service's defaults (a service whose events lock hot rows applies them one per
   * transaction, since events of one group lock rows in event order, not in one global order).
   */
  public MessagingConfig withConsumers(Env env, String service, int defaultBatchSize, int defaultConcurrency) {
    String prefix = "PROST_" + service.toUpperCase(java.util.Locale.ROOT) + "_";
    int batch = env.optional(prefix + "CONSUMER_BATCH_SIZE").isPresent()
        ? env.integer(prefix + "CONSUMER_BATCH_SIZE", defaultBatchSize, 1, 1000)
        : env.optional("PROST_CONSUMER_BATCH_SIZE").isPresent() ? consumerBatchSize : defaultBatchSize;
    int concurrency = env.optional(prefix + "CONSUMER_CONCURRENCY").isPresent()
        ? env.integer(prefix + "CONSUMER_CONCURRENCY", defaultConcurrency, 1, 100)
        : env.optional("PROST_CONSUMER_CONCURRENCY").isPresent() ? consumerConcurrency : defaultConcurrency;
    return new MessagingConfig(amqpUri, amqpUris, queueReplicas, namespace, queueType, prefetch, batch, concurrency,
        consumerGroupWait, maxAttempts,
        retryBaseDelay, retryMaxDelay, relayBatchSize, relayPollInterval, relayPassInterval, confirmTimeout, outboxRetention,
        inboxRetention);
  }

  /** Delay before retry number {@code attempt} (1-based): base × 2^(attempt-1), capped. */
  public Duration retryDelay(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration delay = retryBaseDelay.multipliedBy(factor);
    return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
  }

  @Override
  public String toString() {
    // the URI may hold the broker password
    return "MessagingConfig[" + amqpUris.stream().map(u -> u.getHost() + ":" + u.getPort())
        .collect(java.util.stream.Collectors.joining(",")) + ", ns=" + namespace
        + ", " + queueType + ", prefetch=" + prefetch + ", attempts=" + maxAttempts + "]";
  }
}
