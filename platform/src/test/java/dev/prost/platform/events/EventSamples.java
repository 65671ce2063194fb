package dev.prost.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One realistic instance of every event type, for tests that must cover the whole catalogue. */
final class EventSamples {

  static final UUID ORDER = UUID.fromString("0b7e4b8e-4f5a-4d7e-9c1a-1f6d2a3b4c5d");
  static final UUID USER = UUID.fromString("6a1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
  static final UUID PRODUCT = UUID.fromString("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
  static final UUID OTHER_PRODUCT = UUID.fromString("1a2b3c4d-5e6f-4708-9192-a3b4c5d6e7f8");

  private EventSamples() {
  }

  static List<Event> all() {
    List<PricedLine> priced = List.of(
      new PricedLine(PRODUCT, 2, 1_250), new PricedLine(OTHER_PRODUCT, 1, 4_999));
    List<StockLine> stock = List.of(new StockLine(PRODUCT, 2), new StockLine(OTHER_PRODUCT, 1));
    return List.of(
      new UserRegistered(USER, "ada@example.com", "Ada Lovelace"),
      new ProductCreated(PRODUCT, "SKU-1", "Stout", "Dark and dry", 1_250, "EUR",
        UUID.fromString("2b3c4d5e-6f70-4819-a2b3-c4d5e6f7a8b9"),
        UUID.fromString("3c4d5e6f-7081-492a-b3c4-d5e6f7a8b9c0"), true, 1),
      new ProductUpdated(PRODUCT, "Stout (0.5 l)", 1_350, "EUR", false, 2),
      new CartCheckoutInitiated(ORDER, UUID.fromString("4d5e6f70-8192-4a3b-84d5-e6f7a8b9c0d1"),
        USER, priced, 7_499, "EUR", "tok_visa_4242"),
      new OrderPlaced(ORDER, USER, priced, 7_499, "EUR"),
      new StockReserved(ORDER, stock, Instant.parse("2026-11-24T10:30:30.123Z")),
      new StockReservationFailed(ORDER, List.of(new ShortLine(PRODUCT, 2, 1)), "out of stock"),
      new PaymentRequested(ORDER, USER, 7_499, "EUR", "tok_visa_4242"),
      new PaymentProcessed(ORDER, UUID.fromString("5e6f7081-92a3-4b4c-95e6-f7a8b9c0d1e2"), 7_499,
        "EUR", "ch_3Nq"),
      new PaymentFailed(ORDER, "card declined"),
      new OrderConfirmed(ORDER, USER, stock),
      new OrderFailed(ORDER, USER, "payment failed: card declined"),
      new StockReleased(ORDER, stock),
      new PaymentRefundRequested(ORDER, 7_499, "EUR"),
      new PaymentRefunded(ORDER, 7_499, "EUR", "ch_3Nq"),
      new StockReturnRequested(ORDER, stock),
      new StockReturned(ORDER, stock),
      new OrderCancelled(ORDER, USER, "cancelled by the customer"),
      new OrderShipped(ORDER, USER, "DHL", "JD014600006281230704"),
      new OrderDelivered(ORDER, USER),
      new OrderRefunded(ORDER, USER, 7_499, "EUR", true));
  }

  /** The sample of one type. */
  static <E extends Event> E of(Class<E> type) {
    return all().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  /** A causation-carrying envelope with a fixed timestamp, so JSON in tests is predictable. */
  static EventEnvelope envelope(Event event) {
    EventType type = EventCatalog.of(event);
    EventMetadata metadata = new EventMetadata(
      UUID.fromString("7081a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5b"), type.name(), type.version(), ORDER,
      UUID.fromString("8192b3c4-d5e6-4f70-9bac-1d2e3f4a5b6c"),
      Instant.parse("2026-11-24T10:15:30.123Z"), type.producer());
    return new EventEnvelope(metadata, event);
  }
}
