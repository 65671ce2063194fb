package dev.prost.orders.domain;

/**
 * What can happen to a saga: one value per event the orchestrator consumes, plus the two the
 * orders service produces itself (a refused checkout and a passed deadline).
 */
public enum SagaInput {
  /** CartCheckoutInitiated whose lines and total check out. */
  CHECKOUT_INITIATED,
  /** CartCheckoutInitiated that cannot become an order (no lines, total not the sum of the lines). */
  CHECKOUT_REJECTED,
  STOCK_RESERVED,
  STOCK_RESERVATION_FAILED,
  PAYMENT_PROCESSED,
  PAYMENT_FAILED,
  STOCK_RELEASED,
  /** The timeout verticle found the saga past its state's deadline. */
  DEADLINE_PASSED
}
