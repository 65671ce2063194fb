package dev.prost.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

  private final OrderPlaced placed = EventSamples.of(OrderPlaced.class);

  @Test
  @DisplayName("the first event of a flow has a fresh id, no cause and the catalogue's type")
  void first() {
    UUID correlation = UUID.randomUUID();

    EventMetadata metadata = EventMetadata.first("orders", correlation, placed);

    assertThat(metadata.eventType()).isEqualTo("OrderPlaced");
    assertThat(metadata.version()).isEqualTo(1);
    assertThat(metadata.correlationId()).isEqualTo(correlation);
    assertThat(metadata.causationId()).isNull();
    assertThat(metadata.producer()).isEqualTo("orders");
    assertThat(metadata.timestamp()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS))
      .isEqualTo(metadata.timestamp().truncatedTo(ChronoUnit.MILLIS));
    assertThat(EventMetadata.first("orders", correlation, placed).eventId())
      .isNotEqualTo(metadata.eventId());
  }

  @Test
  @DisplayName("a caused event keeps the correlation id and points at its cause")
  void causedBy() {
    EventEnvelope cause = EventEnvelope.first("orders", EventSamples.ORDER, placed);

    EventEnvelope reply = cause.reply("catalog", EventSamples.of(StockReserved.class));

    assertThat(reply.metadata().correlationId()).isEqualTo(EventSamples.ORDER);
    assertThat(reply.metadata().causationId()).isEqualTo(cause.metadata().eventId());
    assertThat(reply.metadata().eventId()).isNotEqualTo(cause.metadata().eventId());
    assertThat(reply.metadata().eventType()).isEqualTo("StockReserved");
  }

  @Test
  @DisplayName("an envelope whose metadata names another type or version is refused")
  void mismatchedMetadata() {
    EventMetadata forPlaced = EventMetadata.first("orders", EventSamples.ORDER, placed);
    EventMetadata oldVersion = new EventMetadata(UUID.randomUUID(), "ProductCreated", 1,
      EventSamples.ORDER, null, Instant.now(), "catalog");

    assertThatIllegalArgumentException()
      .isThrownBy(() -> new EventEnvelope(forPlaced, EventSamples.of(OrderFailed.class)));
    assertThatIllegalArgumentException()
      .isThrownBy(() -> new EventEnvelope(oldVersion, EventSamples.of(ProductCreated.class)));
  }

  @Test
  @DisplayName("eventAs returns the typed event, and refuses another type")
  void eventAs() {
    EventEnvelope envelope = EventEnvelope.first("orders", EventSamples.ORDER, placed);

    assertThat(envelope.eventAs(OrderPlaced.class)).isSameAs(placed);
    assertThatIllegalStateException().isThrownBy(() -> envelope.eventAs(OrderFailed.class));
  }

  @Test
  @DisplayName("event lists are immutable copies of what the producer passed")
  void listsAreCopied() {
    List<StockLine> lines = new ArrayList<>(List.of(new StockLine(EventSamples.PRODUCT, 1)));
    StockReleased released = new StockReleased(EventSamples.ORDER, lines);

    lines.add(new StockLine(EventSamples.OTHER_PRODUCT, 2));

    assertThat(released.items()).hasSize(1);
    assertThatThrownBy(() -> released.items().clear())
      .isInstanceOf(UnsupportedOperationException.class);
  }
}
