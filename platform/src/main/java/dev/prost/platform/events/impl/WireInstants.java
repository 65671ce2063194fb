package dev.prost.platform.events.impl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The wire form of instants, {@code 2026-11-24T10:15:30.123Z}, written and read by hand: the
 * general formatter and {@link Instant#parse} were a few percent of a checkout's CPU. Anything
 * outside that one shape (another year range, an offset, more or fewer fraction digits, lower
 * case) goes to the general code, so what is written, accepted and refused stays the same.
 */
final class WireInstants {

  // Always three fraction digits, so every timestamp on the wire has the same shape.
  private static final DateTimeFormatter INSTANT_MILLIS =
    new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private static final int LENGTH = "2026-11-24T10:15:30.123Z".length();
  private static final int SECONDS_PER_DAY = 86_400;
  // The years the general formatter writes with four digits and no sign: 0000 to 9999.
  private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final long LAST_SECOND =
    LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY - 1;

  private WireInstants() {
  }

  /** The instant with millisecond precision (finer digits are cut, not rounded), in UTC. */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return INSTANT_MILLIS.format(instant);
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
    digits(text, 0, 4, date.getYear());
    digits(text, 5, 2, date.getMonthValue());
    digits(text, 8, 2, date.getDayOfMonth());
    digits(text, 11, 2, secondOfDay / 3600);
    digits(text, 14, 2, secondOfDay / 60 % 60);
    digits(text, 17, 2, secondOfDay % 60);
    digits(text, 20, 3, instant.getNano() / 1_000_000);
    return new String(text);
  }

  /**
   * The instant an ISO-8601 string names, exactly as {@link Instant#parse} reads it.
   *
   * @throws java.time.format.DateTimeParseException if it is not one
   */
  static Instant parse(String text) {
    Instant instant = text.length() == LENGTH ? parseWireForm(text) : null;
    return instant != null ? instant : Instant.parse(text);
  }

  /** The instant if the text is exactly in the form {@link #format} writes, otherwise null. */
  private static Instant parseWireForm(String text) {
    if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
      || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
      || text.charAt(23) != 'Z') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int millis = number(text, 20, 3);
    // number() is -1 for anything but ASCII digits. Hour 24 and second 60, which Instant.parse
    // accepts in special cases, are left to it.
    if (year < 0 || month < 1 || month > 12 || day < 1
      || day > Month.of(month).length(Year.isLeap(year))
      || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
      || millis < 0) {
      return null;
    }
    long epochSecond = LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY
      + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
  }

  private static int number(String text, int start, int length) {
    int value = 0;
    for (int i = start; i < start + length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void digits(char[] text, int start, int length, int value) {
    for (int i = start + length - 1; i >= start; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
