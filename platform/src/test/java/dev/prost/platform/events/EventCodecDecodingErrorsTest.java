package dev.prost.platform.events;

import static dev.prost.platform.events.EventDecodingException.Kind.INVALID_FIELD;
import static dev.prost.platform.events.EventDecodingException.Kind.MALFORMED_JSON;
import static dev.prost.platform.events.EventDecodingException.Kind.UNKNOWN_EVENT_TYPE;
import static dev.prost.platform.events.EventDecodingException.Kind.UNSUPPORTED_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prost.platform.events.EventDecodingException.Kind;
import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecDecodingErrorsTest {

  private final EventCodec codec = EventCodec.create();
  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "   ", "{\"event_id\":\"0b7e", "not json", "[1, 2]", "\"text\"",
    "42", "null", "{} {}", "{\"version\":1,\"version\":2}"})
  @DisplayName("input that is not one JSON object is MALFORMED_JSON, with no field")
  void malformed(String input) {
    EventDecodingException e = decodeFailure(input);

    assertThat(e.kind()).isEqualTo(MALFORMED_JSON);
    assertThat(e.field()).isNull();
  }

  @Test
  @DisplayName("an event type this build does not know is UNKNOWN_EVENT_TYPE")
  void unknownType() {
    assertRejected(orderPlaced(wire -> wire.put("event_type", "OrderTeleported")),
      UNKNOWN_EVENT_TYPE, "event_type");
  }

  @Test
  @DisplayName("a version newer than the current one is UNSUPPORTED_VERSION")
  void newerVersion() {
    ObjectNode wire = wire(EventSamples.of(ProductCreated.class));
    wire.put("version", 3);

    assertRejected(wire.toString(), UNSUPPORTED_VERSION, "version");
  }

  @Test
  @DisplayName("an old version without an upcaster path is UNSUPPORTED_VERSION")
  void oldVersionWithoutUpcaster() {
    ObjectNode wire = wire(EventSamples.of(ProductCreated.class));
    wire.put("version", 1);
    EventDecodingException e = decodeFailure(EventCodec.create(Upcasters.none()), wire.toString());

    assertThat(e.kind()).isEqualTo(UNSUPPORTED_VERSION);
    assertThat(decodeFailure(orderPlaced(w -> w.put("version", 0))).kind())
      .isEqualTo(UNSUPPORTED_VERSION);
  }

  @Test
  @DisplayName("a missing payload field is INVALID_FIELD naming its path")
  void missingPayloadField() {
    EventDecodingException e = assertRejected(
      orderPlaced(wire -> item(wire, 0).remove("quantity")),
      INVALID_FIELD, "payload.items[0].quantity");
    assertThat(e).hasMessageContaining("missing");
  }

  @Test
  @DisplayName("null in a required field is INVALID_FIELD, also inside lines and as a list element")
  void nullRequiredField() {
    EventDecodingException e = assertRejected(
      orderPlaced(wire -> payload(wire).putNull("currency")), INVALID_FIELD, "payload.currency");
    assertThat(e).hasMessageContaining("null");
    assertRejected(orderPlaced(wire -> item(wire, 1).putNull("product_id")),
      INVALID_FIELD, "payload.items[1].product_id");
    assertRejected(orderPlaced(wire -> ((ArrayNode) payload(wire).get("items")).addNull()),
      INVALID_FIELD, "payload.items[2]");
  }

  @Test
  @DisplayName("a string where a number is expected is INVALID_FIELD, not coerced")
  void stringForNumber() {
    assertRejected(orderPlaced(wire -> item(wire, 0).put("quantity", "12")),
      INVALID_FIELD, "payload.items[0].quantity");
    assertRejected(orderPlaced(wire -> wire.put("version", "1")), INVALID_FIELD, "version");
  }

  @Test
  @DisplayName("floats and out-of-range numbers for integer fields are INVALID_FIELD")
  void badIntegers() {
    assertRejected(orderPlaced(wire -> item(wire, 0).put("quantity", 2.0)),
      INVALID_FIELD, "payload.items[0].quantity");
    assertRejected(orderPlaced(wire -> payload(wire).put("total_cents", 74.99)),
      INVALID_FIELD, "payload.total_cents");
    assertRejected(orderPlaced(wire -> item(wire, 0).put("quantity", 3_000_000_000L)),
      INVALID_FIELD, "payload.items[0].quantity");
  }

  @Test
  @DisplayName("numbers and booleans are not coerced to strings or booleans")
  void noScalarCoercion() {
    assertRejected(orderPlaced(wire -> payload(wire).put("currency", 978)),
      INVALID_FIELD, "payload.currency");
    ObjectNode product = wire(EventSamples.of(ProductCreated.class));
    ((ObjectNode) product.get("payload")).put("active", 1);
    assertRejected(product.toString(), INVALID_FIELD, "payload.active");
  }

  @Test
  @DisplayName("an event_id that is not a canonical UUID is INVALID_FIELD")
  void badEventId() {
    assertRejected(orderPlaced(wire -> wire.put("event_id", "42")), INVALID_FIELD, "event_id");
    assertRejected(orderPlaced(wire -> wire.put("event_id", "AAAAAAAAAAAAAAAAAAAAAA==")),
      INVALID_FIELD, "event_id");
    assertRejected(orderPlaced(wire -> wire.put("event_id", 42)), INVALID_FIELD, "event_id");
  }

  @Test
  @DisplayName("a timestamp that is not an ISO-8601 string is INVALID_FIELD")
  void badTimestamp() {
    assertRejected(orderPlaced(wire -> wire.put("timestamp", 1_764_000_000_000L)),
      INVALID_FIELD, "timestamp");
    assertRejected(orderPlaced(wire -> wire.put("timestamp", "24/11/2026")),
      INVALID_FIELD, "timestamp");
  }

  @Test
  @DisplayName("a missing, null or non-object payload is INVALID_FIELD")
  void badPayload() {
    assertRejected(orderPlaced(wire -> wire.remove("payload")), INVALID_FIELD, "payload");
    assertRejected(orderPlaced(wire -> wire.putNull("payload")), INVALID_FIELD, "payload");
    assertRejected(orderPlaced(wire -> wire.put("payload", "{}")), INVALID_FIELD, "payload");
  }

  @Test
  @DisplayName("nullable fields must still be present: the wire always writes them")
  void nullableFieldsArePresent() {
    assertRejected(orderPlaced(wire -> wire.remove("causation_id")), INVALID_FIELD, "causation_id");
  }

  private EventDecodingException assertRejected(String input, Kind kind, String field) {
    EventDecodingException e = decodeFailure(input);
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    assertThat(e).hasMessageContaining(field);
    return e;
  }

  private EventDecodingException decodeFailure(String input) {
    return decodeFailure(codec, input);
  }

  private static EventDecodingException decodeFailure(EventCodec codec, String input) {
    EventDecodingException e =
      catchThrowableOfType(EventDecodingException.class, () -> codec.decode(input));
    assertThat(e).as("decoding %s", input).isNotNull();
    return e;
  }

  private String orderPlaced(Consumer<ObjectNode> change) {
    ObjectNode wire = wire(EventSamples.of(OrderPlaced.class));
    change.accept(wire);
    return wire.toString();
  }

  private ObjectNode wire(Event event) {
    try {
      return (ObjectNode) json.readTree(codec.encode(EventSamples.envelope(event)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode payload(ObjectNode wire) {
    return (ObjectNode) wire.get("payload");
  }

  private static ObjectNode item(ObjectNode wire, int index) {
    return (ObjectNode) payload(wire).get("items").get(index);
  }
}
