package dev.prost.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire bytes are those the tree-based encoder wrote: {@code encodings-before-streaming.jsonl}
 * holds its output for every sample, in {@link EventSamples#all()} order, then for envelopes
 * with odd values (nulls, escapes, non-ASCII, extreme numbers, years outside 0000–9999).
 */
class EventCodecEncodingsTest {

  private static final List<String> BEFORE = before();

  private final EventCodec codec = EventCodec.create();

  static Stream<Integer> samples() {
    return IntStream.range(0, EventSamples.all().size()).boxed();
  }

  static Stream<String> encodings() {
    return BEFORE.stream();
  }

  @ParameterizedTest(name = "sample {0}")
  @MethodSource("samples")
  @DisplayName("every sample encodes to the bytes the tree-based encoder wrote")
  void samplesEncodeAsBefore(int index) {
    EventEnvelope envelope = EventSamples.envelope(EventSamples.all().get(index));

    assertThat(codec.encodeToString(envelope)).isEqualTo(BEFORE.get(index));
    assertThat(codec.encode(envelope))
      .isEqualTo(BEFORE.get(index).getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  @DisplayName("every earlier encoding decodes and encodes again to the same bytes")
  void earlierEncodingsRoundTrip(String encoded) {
    assertThat(codec.encodeToString(codec.decode(encoded))).isEqualTo(encoded);
  }

  private static List<String> before() {
    try (InputStream in = EventCodecEncodingsTest.class
      .getResourceAsStream("/events/encodings-before-streaming.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
