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
  REPORT_COMPENSATION_TIMEOUT
}
