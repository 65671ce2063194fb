package dev.prost.platform.events;

/**
 * The payload of a domain event exchanged between services (DESIGN.md §3).
 *
 * <p>Events are immutable records holding business data only: the envelope fields live in
 * {@link EventMetadata}, and the wire name, version, producer and routing key in
 * {@link EventCatalog}. The interface is sealed so that adding an event is a deliberate change
 * the catalogue and the codec tests notice.
 */
public sealed interface Event permits
  UserRegistered,
  ProductCreated,
  ProductUpdated,
  CartCheckoutInitiated,
  OrderPlaced,
  StockReserved,
  StockReservationFailed,
  PaymentRequested,
  PaymentProcessed,
  PaymentFailed,
  OrderConfirmed,
  OrderFailed,
  StockReleased,
  PaymentRefundRequested,
  PaymentRefunded,
  StockReturnRequested,
  StockReturned,
  OrderCancelled,
  OrderShipped,
  OrderDelivered,
  OrderRefunded {
}
