package dev.prost.orders.payment;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment provider. Both calls are keyed by the order id, which a real provider takes as
 * its idempotency key: a repeated charge or refund of one order is never a second one.
 */
public interface PaymentGateway {

  /** A charge request. */
  record Charge(UUID orderId, long amountCents, String currency, String paymentToken) {}

  /** The provider's answer: approved with its reference, or declined with a reason. */
  record Result(boolean approved, String providerReference, String declineReason) {
    public static Result approved(String reference) {
      return new Result(true, reference, null);
    }

    public static Result declined(String reason) {
      return new Result(false, null, reason);
    }
  }

  /** Charges the order; may never complete (the caller bounds the wait). */
  Future<Result> charge(Charge charge);

  /**
   * Returns the order's charge, if there was one; may never complete. {@code chargeReference} is
   * the charge's reference when Prost recorded its answer (empty when the answer never came).
   * Answers the provider's refund reference when money went back, by this call or an earlier one
   * (a provider asked again under the same key answers the same reference), empty when nothing
   * was charged.
   */
  Future<Optional<String>> refund(UUID orderId, Optional<String> chargeReference);
}
