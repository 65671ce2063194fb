package dev.prost.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.orders.PaymentConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulated provider behaves as one provider behind every orders instance: a charge made by
 * one instance (or by this one before a restart) is refunded by another on its recorded
 * reference, once, under one refund reference.
 */
@DisplayName("Simulated gateway: one provider behind every instance")
class SimulatedGatewayTest {

  private static final PaymentConfig CONFIG =
      new PaymentConfig(Duration.ofMillis(1), 0.0, Duration.ofSeconds(5), Duration.ofSeconds(5), 0);
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void anotherInstanceRefundsACharge_onItsReference_underTheSameRefundReference() throws Exception {
    SimulatedGateway charging = new SimulatedGateway(vertx, CONFIG);
    SimulatedGateway other = new SimulatedGateway(vertx, CONFIG);
    UUID order = UUID.randomUUID();
    String charge = await(charging.charge(new PaymentGateway.Charge(order, 1_000, "EUR", "tok_visa"))).providerReference();

    Optional<String> byOther = await(other.refund(order, Optional.of(charge)));
    Optional<String> byCharging = await(charging.refund(order, Optional.of(charge)));

    assertThat(byOther).isPresent();
    assertThat(byCharging).isEqualTo(byOther);
    assertThat(charging.holdsCharge(order)).isFalse();
  }

  @Test
  void aRefundAskedAgainAnswersItsFirstReference() throws Exception {
    SimulatedGateway gateway = new SimulatedGateway(vertx, CONFIG);
    UUID order = UUID.randomUUID();
    String charge = await(gateway.charge(new PaymentGateway.Charge(order, 500, "EUR", "tok_visa"))).providerReference();

    Optional<String> first = await(gateway.refund(order, Optional.of(charge)));
    Optional<String> again = await(gateway.refund(order, Optional.empty()));

    assertThat(first).isPresent();
    assertThat(again).isEqualTo(first);
    assertThat(gateway.refunds(order)).isEqualTo(1);
  }

  @Test
  void nothingGoesBackWithoutACharge() throws Exception {
    SimulatedGateway gateway = new SimulatedGateway(vertx, CONFIG);
    UUID declined = UUID.randomUUID();
    await(gateway.charge(new PaymentGateway.Charge(declined, 500, "EUR", SimulatedGateway.DECLINE)));

    assertThat(await(gateway.refund(declined, Optional.empty()))).isEmpty();
    assertThat(await(gateway.refund(UUID.randomUUID(), Optional.empty()))).isEmpty();
    assertThat(gateway.refunds(declined)).isZero();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
