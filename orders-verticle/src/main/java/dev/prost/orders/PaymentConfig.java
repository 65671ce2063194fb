package dev.prost.orders;

import dev.prost.platform.config.Env;
import java.time.Duration;

/**
 * The simulated payment gateway and how the payment verticle talks to it.
 *
 * @param latency {@code PROST_PAYMENT_LATENCY} (20ms): how long the simulated gateway takes to answer
 * @param declineRate {@code PROST_PAYMENT_DECLINE_RATE} (0): share of ordinary tokens declined at random
 * @param callTimeout {@code PROST_PAYMENT_CALL_TIMEOUT} (10s): how long the verticle waits for an
 *     answer; after that the outcome is unknown, nothing is published, and the saga's payment
 *     deadline compensates
 * @param refundInterval {@code PROST_PAYMENT_REFUND_INTERVAL} (5s): time between looks for charges
 *     to refund (a charge that completed after its saga gave up)
 * @param refundsUnanswered {@code PROST_PAYMENT_REFUND_UNANSWERED} (0): the simulated gateway returns
 *     the money of its first N refund calls but never answers them, as if the answers were lost
 */
public record PaymentConfig(Duration latency, double declineRate, Duration callTimeout, Duration refundInterval,
    int refundsUnanswered) {

  public static PaymentConfig from(Env env) {
    return new PaymentConfig(
        env.duration("PROST_PAYMENT_LATENCY", Duration.ofMillis(20)),
        env.fraction("PROST_PAYMENT_DECLINE_RATE", 0.0),
        env.duration("PROST_PAYMENT_CALL_TIMEOUT", Duration.ofSeconds(10)),
        env.duration("PROST_PAYMENT_REFUND_INTERVAL", Duration.ofSeconds(5)),
        env.integer("PROST_PAYMENT_REFUND_UNANSWERED", 0, 0, 1_000_000));
  }
}
