package dev.prost.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type Prost exchanges, as listed in DESIGN.md §3: its wire name, Java record,
 * current version, producing service and routing key.
 *
 * <p>This table is the single place that knows these facts; publishers, consumers and the
 * codec look them up here instead of repeating them.
 */
public final class EventCatalog {

  private static final String USERS = "users";
  private static final String CATALOG = "catalog";
  private static final String CART = "cart";
  private static final String ORDERS = "orders";

  private static final List<EventType> TYPES = List.of(
    type(UserRegistered.class, 1, USERS, "user.registered"),
    type(ProductCreated.class, 2, CATALOG, "product.created"),
    type(ProductUpdated.class, 1, CATALOG, "product.updated"),
    type(CartCheckoutInitiated.class, 1, CART, "checkout.initiated"),
    type(OrderPlaced.class, 1, ORDERS, "order.placed"),
    type(StockReserved.class, 1, CATALOG, "stock.reserved"),
    type(StockReservationFailed.class, 1, CATALOG, "stock.reservation-failed"),
    type(PaymentRequested.class, 1, ORDERS, "payment.requested"),
    type(PaymentProcessed.class, 1, ORDERS, "payment.processed"),
    type(PaymentFailed.class, 1, ORDERS, "payment.failed"),
    type(OrderConfirmed.class, 1, ORDERS, "order.confirmed"),
    type(OrderFailed.class, 1, ORDERS, "order.failed"),
    type(StockReleased.class, 1, CATALOG, "stock.released"),
    type(PaymentRefundRequested.class, 1, ORDERS, "payment.refund-requested"),
    type(PaymentRefunded.class, 1, ORDERS, "payment.refunded"),
    type(StockReturnRequested.class, 1, ORDERS, "order.stock-return-requested"),
    type(StockReturned.class, 1, CATALOG, "stock.returned"),
    type(OrderCancelled.class, 1, ORDERS, "order.cancelled"),
    type(OrderShipped.class, 1, ORDERS, "order.shipped"),
    type(OrderDelivered.class, 1, ORDERS, "order.delivered"),
    type(OrderRefunded.class, 1, ORDERS, "order.refunded"));

  private static final Map<String, EventType> BY_NAME = TYPES.stream()
    .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private static final Map<Class<? extends Event>, EventType> BY_CLASS = TYPES.stream()
    .collect(Collectors.toUnmodifiableMap(EventType::javaClass, Function.identity()));

  private EventCatalog() {
  }

  /** All event types, in the order of the design's table. */
  public static List<EventType> all() {
    return TYPES;
  }

  /** The type with this wire name, or empty for a name this build does not know. */
  public static Optional<EventType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * The type of this record class.
   *
   * @throws IllegalArgumentException if the class is missing from the table, a programming error
   */
  public static EventType byClass(Class<? extends Event> javaClass) {
    EventType type = BY_CLASS.get(javaClass);
    if (type == null) {
      throw new IllegalArgumentException("Not in the catalogue: " + javaClass.getName());
    }
    return type;
  }

  /** The type of this event instance. */
  public static EventType of(Event event) {
    return byClass(event.getClass());
  }

  /**
   * The exchange the type is published to, {@code <producer>.events}. The messaging layer adds
   * the deployment namespace, so the name here is the same in every environment.
   */
  public static String exchangeOf(EventType type) {
    return type.producer() + ".events";
  }

  private static EventType type(
    Class<? extends Event> javaClass, int version, String producer, String routingKey) {
    return new EventType(javaClass.getSimpleName(), javaClass, version, producer, routingKey);
  }
}
