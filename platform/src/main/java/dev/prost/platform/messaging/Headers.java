package dev.prost.platform.messaging;

/** AMQP header names Prost sets. Dead-lettered messages carry all the {@code x-prost-*} ones. */
public final class Headers {

  /** The payload's schema version, mirrored from the envelope. */
  public static final String EVENT_VERSION = "x-event-version";
  /** How many times the message has been delivered to its consumer and failed. */
  public static final String ATTEMPTS = "x-prost-attempts";
  /** Why a message was dead-lettered: the failure class and message. */
  public static final String REASON = "x-prost-reason";
  /** {@code transient}, {@code permanent} or {@code decode}. */
  public static final String FAILURE_KIND = "x-prost-failure-kind";
  /** The consumer that gave up on the message. */
  public static final String CONSUMER = "x-prost-consumer";
  /** Where the message was first published, so a replay can send it there again. */
  public static final String ORIGINAL_EXCHANGE = "x-prost-original-exchange";
  public static final String ORIGINAL_ROUTING_KEY = "x-prost-original-routing-key";
  /** When the message was dead-lettered (ISO-8601 UTC). */
  public static final String DEAD_LETTERED_AT = "x-prost-dead-lettered-at";
  /** When an operator replayed the message from a dead-letter queue ({@code prost dlq replay}). */
  public static final String REPLAYED_AT = "x-prost-replayed-at";

  private Headers() {}
}
