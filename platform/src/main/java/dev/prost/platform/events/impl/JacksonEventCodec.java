package dev.prost.platform.events.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.Upcasters;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@link EventCodec} on Jackson. It writes straight to the output and reads a current-version
 * envelope straight from the parser; older versions, which need upcasting, and input it
 * refuses go through a JSON tree, where each {@link EventDecodingException} is named.
 */
public final class JacksonEventCodec implements EventCodec {

  private final ObjectWriter writer;
  private final StreamingEventDecoder streaming;
  private final TreeEventDecoder tree;

  public JacksonEventCodec(Upcasters upcasters) {
    Objects.requireNonNull(upcasters, "upcasters");
    ObjectMapper mapper = EventJson.mapper();
    this.writer = mapper.writerFor(OutgoingEnvelope.class);
    this.streaming = new StreamingEventDecoder(mapper);
    this.tree = new TreeEventDecoder(mapper, upcasters);
  }

  @Override
  public byte[] encode(EventEnvelope envelope) {
    try {
      return writer.writeValueAsBytes(OutgoingEnvelope.of(envelope));
    } catch (JsonProcessingException e) {
      // Events are records of UUIDs, strings, numbers and instants: this is a bug, not bad input.
      throw new IllegalStateException("Cannot encode " + envelope.metadata().eventType(), e);
    }
  }

  @Override
  public String encodeToString(EventEnvelope envelope) {
    return new String(encode(envelope), StandardCharsets.UTF_8);
  }

  @Override
  public EventEnvelope decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public EventEnvelope decode(byte[] json) {
    Objects.requireNonNull(json, "json");
    // The tree decoder sees what the streaming one declines, and so decides every error.
    EventEnvelope envelope = streaming.decode(json);
    return envelope != null ? envelope : tree.decode(json);
  }
}
