package dev.prost.platform.events.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The envelopes of every event type as the tree-based encoder wrote them (a test resource). */
final class EarlierEncodings {

  private EarlierEncodings() {
  }

  static List<String> all() {
    try (InputStream in =
      EarlierEncodings.class.getResourceAsStream("/events/encodings-before-streaming.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The first encoding of this event type. */
  static String of(String eventType) {
    return all().stream()
      .filter(json -> json.contains("\"event_type\":\"" + eventType + "\""))
      .findFirst()
      .orElseThrow();
  }
}
