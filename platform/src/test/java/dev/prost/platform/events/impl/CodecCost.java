package dev.prost.platform.events.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventMetadata;
import dev.prost.platform.events.Upcasters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A rough, JMH-free comparison of the codec against the tree-based path it replaced, in one
 * JVM, rounds interleaved: nanoseconds per operation over the envelopes of every event type.
 * Not a test and not a bench of record; run it from the platform module's test classpath with
 * {@code java -cp ... dev.prost.platform.events.impl.CodecCost [rounds]}.
 */
public final class CodecCost {

  private static final int OPERATIONS = 20_000;
  private static volatile Object sink;

  private CodecCost() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ObjectMapper mapper = EventJson.mapper();
    EventCodec codec = EventCodec.create();
    TreeEventDecoder tree = new TreeEventDecoder(mapper, Upcasters.standard());
    List<String> encodings = EarlierEncodings.all();
    byte[][] wire = encodings.stream().map(s -> s.getBytes(StandardCharsets.UTF_8))
      .toArray(byte[][]::new);
    EventEnvelope[] envelopes =
      encodings.stream().map(codec::decode).toArray(EventEnvelope[]::new);
    String[] instants = Arrays.stream(envelopes)
      .map(envelope -> WireInstants.format(envelope.metadata().timestamp()))
      .toArray(String[]::new);

    List<Case> cases = List.of(
      new Case("decode, tree (before)", i -> sink = tree.decode(wire[i % wire.length])),
      new Case("decode, streaming", i -> sink = codec.decode(wire[i % wire.length])),
      new Case("encode, tree (before)",
        i -> sink = treeEncode(mapper, envelopes[i % wire.length])),
      new Case("encode, streaming", i -> sink = codec.encode(envelopes[i % wire.length])),
      new Case("Instant.parse", i -> sink = Instant.parse(instants[i % instants.length])),
      new Case("WireInstants.parse", i -> sink = WireInstants.parse(instants[i % instants.length])));
    long[][] nanos = new long[cases.size()][rounds];
    for (int round = -3; round < rounds; round++) {
      for (int c = 0; c < cases.size(); c++) {
        long start = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
          cases.get(c).operation().accept(i);
        }
        if (round >= 0) {
          nanos[c][round] = (System.nanoTime() - start) / OPERATIONS;
        }
      }
    }
    for (int c = 0; c < cases.size(); c++) {
      long[] perOp = nanos[c].clone();
      Arrays.sort(perOp);
      System.out.printf("%-24s median %6d ns/op (min %d, max %d)%n", cases.get(c).name(),
        perOp[rounds / 2], perOp[0], perOp[rounds - 1]);
    }
  }

  /** What encode did before: the payload as a tree, then the envelope around it. */
  private static byte[] treeEncode(ObjectMapper mapper, EventEnvelope envelope) {
    try {
      ObjectNode payload = mapper.valueToTree(envelope.event());
      EventMetadata m = envelope.metadata();
      return mapper.writeValueAsBytes(new WireEnvelope(m.eventId(), m.eventType(), m.version(),
        m.correlationId(), m.causationId(), m.timestamp(), m.producer(), payload));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record Case(String name, IntConsumer operation) {
  }
}
