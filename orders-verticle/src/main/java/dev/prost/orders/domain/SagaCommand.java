package dev.prost.orders.domain;

/** What a transition asks the world to do; the engine turns each into outbox rows or table writes. */
public enum SagaCommand {
  /** OrderPlaced: catalog reserves the lines. */
  PLACE_ORDER,
  /** PaymentRequested: the payment verticle charges the order. */
  REQUEST_PAYMENT,
  /** OrderConfirmed: catalog sells the held stock, cart closes the checkout. */
  CONFIRM_ORDER,
  /** Compensation: no charge may happen any more; a charge that already did is refunded. */
  VOID_PAYMENT,
  /** Compensation: OrderFailed, on which catalog releases what it holds and cart reopens the cart. */
  FAIL_ORDER,
  /** Compensation could not finish in time: the failure is logged as an error and counted. */
  REPORT_COMPENSATION_TIMEOUT,
  /** PaymentRefundRequested: the payment verticle gives the charge back (at most once). */
  REQUEST_REFUND,
  /** StockReturnRequested: catalog puts the sold units back on hand (exactly once). */
  REQUEST_STOCK_RETURN,
  /** OrderCancelled. */
  ANNOUNCE_CANCELLED,
  /** OrderShipped, with the carrier and tracking number recorded on the order. */
  ANNOUNCE_SHIPPED,
  /** OrderDelivered. */
  ANNOUNCE_DELIVERED,
  /** OrderRefunded. */
  ANNOUNCE_REFUNDED
}
