package dev.prost.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecRoundTripTest {

  private final EventCodec codec = EventCodec.create();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<Event> samples() {
    return EventSamples.all().stream();
  }

  @Test
  @DisplayName("the samples cover every catalogue type, so a new event cannot skip these tests")
  void samplesCoverTheCatalogue() {
    assertThat(samples().map(EventCatalog::of))
      .containsExactlyInAnyOrderElementsOf(EventCatalog.all());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("an encoded envelope decodes to an equal envelope")
  void roundTrips(Event event) {
    EventEnvelope envelope = EventSamples.envelope(event);

    assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    assertThat(codec.decode(codec.encodeToString(envelope))).isEqualTo(envelope);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("the wire JSON has exactly the envelope fields, and snake_case names throughout")
  void wireJsonIsSnakeCase(Event event) throws Exception {
    JsonNode wire = json.readTree(codec.encode(EventSamples.envelope(event)));

    assertThat(wire.fieldNames()).toIterable().containsExactly("event_id", "event_type", "version",
      "correlation_id", "causation_id", "timestamp", "producer", "payload");
    assertThat(wire.get("event_type").asText()).isEqualTo(event.getClass().getSimpleName());
    assertThat(allFieldNames(wire.get("payload")))
      .isNotEmpty()
      .allMatch(name -> name.matches("[a-z_]+"));
  }

  @Test
  @DisplayName("values are written as the design shows: UUID strings, millisecond UTC timestamps")
  void wireValues() throws Exception {
    EventEnvelope envelope = EventSamples.envelope(EventSamples.of(StockReserved.class));

    JsonNode wire = json.readTree(codec.encode(envelope));

    assertThat(wire.get("event_id").asText()).isEqualTo(envelope.metadata().eventId().toString());
    assertThat(wire.get("version").isInt()).isTrue();
    assertThat(wire.get("timestamp").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
    assertThat(wire.get("payload").get("expires_at").asText())
      .isEqualTo("2026-11-24T10:30:30.123Z");
    assertThat(wire.get("payload").get("items").get(0).get("product_id").asText())
      .isEqualTo(EventSamples.PRODUCT.toString());
  }

  @Test
  @DisplayName("a whole-second timestamp still has three fraction digits")
  void wholeSecondTimestamp() throws Exception {
    EventMetadata metadata = new EventMetadata(UUID.randomUUID(), "PaymentFailed", 1,
      UUID.randomUUID(), null, Instant.parse("2026-11-24T10:15:30Z"), "orders");
    EventEnvelope envelope =
      new EventEnvelope(metadata, new PaymentFailed(EventSamples.ORDER, "x"));

    JsonNode wire = json.readTree(codec.encode(envelope));

    assertThat(wire.get("timestamp").asText()).isEqualTo("2026-11-24T10:15:30.000Z");
  }

  @Test
  @DisplayName("null fields are written as null, and decode back to null")
  void nullsAreWritten() throws Exception {
    ProductCreated noSupplier = new ProductCreated(EventSamples.PRODUCT, "SKU-2", "Pils", "Crisp",
      300, "EUR", UUID.randomUUID(), null, true, 1);
    EventEnvelope envelope = EventEnvelope.first("catalog", UUID.randomUUID(), noSupplier);

    byte[] encoded = codec.encode(envelope);
    JsonNode wire = json.readTree(encoded);

    assertThat(wire.get("causation_id").isNull()).isTrue();
    assertThat(wire.get("payload").get("supplier_id").isNull()).isTrue();
    assertThat(codec.decode(encoded)).isEqualTo(envelope);
  }

  @Test
  @DisplayName("unknown fields in the envelope and the payload are ignored")
  void unknownFieldsAreIgnored() throws Exception {
    EventEnvelope envelope = EventSamples.envelope(EventSamples.of(OrderPlaced.class));
    ObjectNode wire = (ObjectNode) json.readTree(codec.encode(envelope));
    wire.put("trace_id", "abc");
    ((ObjectNode) wire.get("payload")).put("coupon", "SAVE10");
    ((ObjectNode) wire.get("payload").get("items").get(0))
      .putObject("extra").put("nested", true);

    assertThat(codec.decode(json.writeValueAsBytes(wire))).isEqualTo(envelope);
  }

  private static Iterable<String> allFieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        names.add(name);
        allFieldNames(node.get(name)).forEach(names::add);
      }
    } else if (node.isArray()) {
      node.forEach(element -> allFieldNames(element).forEach(names::add));
    }
    return names;
  }
}
