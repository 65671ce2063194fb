package dev.prost.platform.events.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireInstantsTest {

  // What the codec used before: the general formatter and Instant.parse.
  private static final DateTimeFormatter GENERAL =
    new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.999Z",
    "2024-03-01T00:00:00.000Z", "2000-02-29T12:00:00.001Z", "1999-12-31T23:59:59.999Z",
    "2000-01-01T00:00:00.000Z", "2026-11-24T10:15:30.123Z", "2026-11-24T10:15:30.000Z",
    "0000-01-01T00:00:00.000Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
    "1900-02-28T23:59:59.999Z"})
  @DisplayName("the wire form reads as Instant.parse reads it, and writes back unchanged")
  void wireFormRoundTrips(String text) {
    Instant instant = WireInstants.parse(text);

    assertThat(instant).isEqualTo(Instant.parse(text));
    assertThat(WireInstants.format(instant)).isEqualTo(text).isEqualTo(GENERAL.format(instant));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "2026-11-24T10:15:30Z", "2026-11-24T10:15:30.1Z", "2026-11-24T10:15:30.123456789Z",
    "2026-11-24T11:15:30.123+01:00", "2026-11-24T10:15:30.123-00:30", "2026-11-24t10:15:30.123z",
    "2026-11-24T24:00:00.000Z", "2026-12-31T23:59:60.000Z", "+10000-01-01T00:00:00.000Z",
    "-0001-12-31T23:59:59.999Z", "2026-11-24T10:15:30.123+00:00"})
  @DisplayName("other forms Instant.parse accepts are read by it, to the same instant")
  void otherAcceptedForms(String text) {
    assertThat(WireInstants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {
    "2026-02-29T10:15:30.123Z", "1900-02-29T10:15:30.123Z", "2026-04-31T10:15:30.123Z",
    "2026-13-24T10:15:30.123Z", "2026-00-24T10:15:30.123Z", "2026-11-00T10:15:30.123Z",
    "2026-11-24T25:15:30.123Z", "2026-11-24T10:60:30.123Z", "2026-11-24T10:15:61.123Z",
    "2026-11-24T10:15:30.12aZ", "2026-11-24 10:15:30.123Z", "2026-11-24T10:15:30.123X",
    "2026-11-24T10:15:30.123", "2026-11-24", "24/11/2026", "", "2026-11-24T10:15:30.123ZZ",
    "2026-11-24T24:00:00.001Z", "\uff12026-11-24T10:15:30.123Z", "+026-11-24T10:15:30.123Z",
    "2026-1-24T10:15:30.1234Z"})
  @DisplayName("text Instant.parse refuses is still refused")
  void refusedForms(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> WireInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  @DisplayName("writing matches the general formatter, sub-millisecond digits cut, in any year")
  void formatMatchesTheGeneralFormatter() {
    Random random = new Random(16);
    long min = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 50_000; i++) {
      long second = i % 4 == 0
        ? random.nextInt(2 * 86_400 * 366) - 86_400L * 366 // around the epoch
        : min + (long) (random.nextDouble() * (max - min));
      Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));

      String text = WireInstants.format(instant);

      assertThat(text).as("%s", instant).isEqualTo(GENERAL.format(instant));
      assertThat(WireInstants.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
    }
  }

  @Test
  @DisplayName("reading agrees with Instant.parse on wire-length text with any character changed")
  void parseMatchesInstantParse() {
    Random random = new Random(16);
    String alphabet = "0123456789-:.TZtz+ ";
    for (int i = 0; i < 50_000; i++) {
      char[] text = WireInstants.format(Instant.ofEpochSecond(
        random.nextLong(-62_167_219_200L, 253_402_300_800L), random.nextInt(1_000_000_000)))
        .toCharArray();
      for (int changes = random.nextInt(3); changes >= 0; changes--) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String candidate = new String(text);

      assertThat(outcome(() -> WireInstants.parse(candidate))).as(candidate)
        .isEqualTo(outcome(() -> Instant.parse(candidate)));
    }
  }

  /** The instant's text, or "refused" if parsing threw. */
  private static String outcome(Supplier<Instant> parse) {
    try {
      return parse.get().toString();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
