package dev.prost.platform.events.impl;

import static dev.prost.platform.events.EventDecodingException.Kind.INVALID_FIELD;
import static dev.prost.platform.events.EventDecodingException.Kind.MALFORMED_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventDecodingException.Kind;
import dev.prost.platform.events.Upcasters;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamingEventDecoderTest {

  private static final String ORDER_PLACED = EarlierEncodings.of("OrderPlaced");

  private final StreamingEventDecoder streaming = new StreamingEventDecoder(EventJson.mapper());
  private final TreeEventDecoder tree =
    new TreeEventDecoder(EventJson.mapper(), Upcasters.standard());
  private final EventCodec codec = EventCodec.create();

  static Stream<String> encodings() {
    return EarlierEncodings.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  @DisplayName("every event type at its current version decodes without a tree, as the tree does")
  void currentVersionsStream(String json) {
    assertThat(streaming.decode(bytes(json))).isNotNull()
      .isEqualTo(tree.decode(bytes(json)));
  }

  @Test
  @DisplayName("an older version, a payload before the type or an unknown type go to the tree")
  void leftToTheTree() {
    String v1 = EarlierEncodings.of("ProductCreated").replace("\"version\":2", "\"version\":1")
      .replaceFirst("\"supplier_id\":\"[^\"]+\",", "");
    int payload = ORDER_PLACED.indexOf(",\"payload\"");
    String payloadFirst = "{" + ORDER_PLACED.substring(payload + 1, ORDER_PLACED.length() - 1)
      + "," + ORDER_PLACED.substring(1, payload) + "}";

    assertThat(streaming.decode(bytes(v1))).isNull();
    assertThat(codec.decode(v1).metadata().version()).isEqualTo(2);
    assertThat(streaming.decode(bytes(payloadFirst))).isNull();
    assertThat(codec.decode(payloadFirst)).isEqualTo(codec.decode(ORDER_PLACED));
    assertThat(streaming.decode(bytes(ORDER_PLACED.replace("OrderPlaced", "OrderTeleported"))))
      .isNull();
  }

  @Test
  @DisplayName("a name twice, in the payload or inside an unknown field, is MALFORMED_JSON")
  void duplicateNames() {
    assertRejected(ORDER_PLACED.replace(
      "\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"currency\":\"USD\""), MALFORMED_JSON, null);
    assertRejected(ORDER_PLACED.replace(
      "{\"event_id\"", "{\"trace\":{\"a\":1,\"a\":2},\"event_id\""), MALFORMED_JSON, null);
    assertRejected(ORDER_PLACED.replace("\"quantity\":2", "\"quantity\":2,\"quantity\":2"),
      MALFORMED_JSON, null);
  }

  @Test
  @DisplayName("bad syntax anywhere is MALFORMED_JSON, even after a payload that does not bind")
  void syntaxBeforeShape() {
    assertRejected(ORDER_PLACED + " {}", MALFORMED_JSON, null);
    assertRejected(ORDER_PLACED.substring(0, ORDER_PLACED.length() - 1), MALFORMED_JSON, null);
    assertRejected(ORDER_PLACED.replace("\"quantity\":2", "\"quantity\":\"2\"") + "x",
      MALFORMED_JSON, null);
    assertRejected(ORDER_PLACED.replace("{\"event_id\"", "{\"trace\":[1,},\"event_id\""),
      MALFORMED_JSON, null);
  }

  @Test
  @DisplayName("an envelope field in another form than the wire's is INVALID_FIELD naming it")
  void envelopeFields() {
    assertRejected(ORDER_PLACED.replace("\"version\":1", "\"version\":1.0"),
      INVALID_FIELD, "version");
    assertRejected(ORDER_PLACED.replace("\"version\":1", "\"version\":4294967297"),
      INVALID_FIELD, "version");
    assertRejected(
      ORDER_PLACED.replace("\"producer\":\"orders\"", "\"producer\":{\"event_id\":1}"),
      INVALID_FIELD, "producer");
    assertRejected(ORDER_PLACED.replace(".123Z\"", ".123\""), INVALID_FIELD, "timestamp");
    assertRejected(ORDER_PLACED.replaceFirst(
      "\"causation_id\":\"[^\"]+\"", "\"causation_id\":\"1-1-1-1-1\""),
      INVALID_FIELD, "causation_id");
  }

  @Test
  @DisplayName("timestamps Instant.parse accepts in other forms still decode, to the same instant")
  void otherTimestampForms() {
    String offset =
      ORDER_PLACED.replace("2026-11-24T10:15:30.123Z", "2026-11-24T11:15:30.123+01:00");

    assertThat(codec.decode(offset)).isEqualTo(codec.decode(ORDER_PLACED));
  }

  private void assertRejected(String json, Kind kind, String field) {
    EventDecodingException e =
      catchThrowableOfType(EventDecodingException.class, () -> codec.decode(json));
    assertThat(e).as("decoding %s", json).isNotNull();
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
