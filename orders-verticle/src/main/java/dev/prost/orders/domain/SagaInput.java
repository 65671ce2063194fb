package dev.prost.orders.domain;

/**
 * What can happen to a saga: one value per event the orchestrator consumes, plus the ones the
 * orders service produces itself (a refused checkout, a passed deadline, and the requests of
 * customers and admins on the HTTP API).
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
  DEADLINE_PASSED,
  /** The customer (or an admin) asked to cancel the order. */
  CANCEL_REQUESTED,
  /** PaymentRefunded: the charge went back. */
  PAYMENT_REFUNDED,
  /** StockReturned: catalog put the sold units back on hand. */
  STOCK_RETURNED,
  /** An admin handed the order to a carrier. */
  SHIP_REQUESTED,
  /** An admin recorded the delivery. */
  DELIVERY_CONFIRMED,
  /** An admin accepted a return, without restock. */
  REFUND_REQUESTED,
  /** An admin accepted a return, with the units going back to stock. */
  RESTOCK_REFUND_REQUESTED
}
