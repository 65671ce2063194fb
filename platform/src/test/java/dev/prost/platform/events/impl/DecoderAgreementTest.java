package dev.prost.platform.events.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.Upcasters;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder changes cost, not outcomes: over many broken and odd variants of every
 * event type's envelope, the codec decodes or refuses exactly as the tree decoder alone does.
 */
class DecoderAgreementTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<JsonNode> VALUES = List.of(NODES.nullNode(), NODES.numberNode(0),
    NODES.numberNode(1), NODES.numberNode(-1), NODES.numberNode(2), NODES.numberNode(2.5),
    NODES.numberNode(100.0), NODES.numberNode(3_000_000_000L),
    NODES.numberNode(BigInteger.TWO.pow(64)), NODES.textNode("12"), NODES.textNode(""),
    NODES.textNode("x"), NODES.booleanNode(true), NODES.booleanNode(false), NODES.objectNode(),
    NODES.arrayNode(), NODES.arrayNode().addNull(),
    NODES.textNode("0B7E4B8E-4F5A-4D7E-9C1A-1F6D2A3B4C5D"), NODES.textNode("1-1-1-1-1"),
    NODES.textNode("2024-02-29T00:00:00.000Z"), NODES.textNode("2026-02-29T00:00:00.000Z"),
    NODES.textNode("2026-11-24T11:15:30.123+01:00"), NODES.textNode("2026-11-24T10:15:30Z"),
    NODES.textNode("OrderPlaced"), NODES.textNode("ProductCreated"));
  private static final String NOISE = "{}[]\":,0123456789-.eE tnflrua\\";

  private final ObjectMapper json = new ObjectMapper();
  private final EventCodec codec = EventCodec.create();
  private final StreamingEventDecoder streaming = new StreamingEventDecoder(EventJson.mapper());
  private final TreeEventDecoder tree =
    new TreeEventDecoder(EventJson.mapper(), Upcasters.standard());
  private int streamed;
  private int declined;

  @Test
  @DisplayName("every field removed or replaced by odd values, moved or joined by unknown ones")
  void structuralVariants() throws Exception {
    for (String encoded : EarlierEncodings.all()) {
      for (String variant : structuralVariants((ObjectNode) json.readTree(encoded))) {
        assertAgreement(variant);
      }
    }
    assertThat(streamed).as("variants decoded without a tree").isPositive();
    assertThat(declined).as("variants left to the tree").isPositive();
  }

  @Test
  @DisplayName("characters deleted, inserted or replaced at random, and text after the object")
  void textualVariants() {
    Random random = new Random(16);
    for (String encoded : EarlierEncodings.all()) {
      assertAgreement(encoded + " ");
      assertAgreement(encoded + " x");
      assertAgreement(encoded + encoded);
      for (int i = 0; i < 150; i++) {
        StringBuilder variant = new StringBuilder(encoded);
        int at = random.nextInt(variant.length());
        char noise = NOISE.charAt(random.nextInt(NOISE.length()));
        switch (random.nextInt(3)) {
          case 0 -> variant.deleteCharAt(at);
          case 1 -> variant.insert(at, noise);
          default -> variant.setCharAt(at, noise);
        }
        assertAgreement(variant.toString());
      }
    }
    assertThat(streamed).isPositive();
  }

  private void assertAgreement(String variant) {
    byte[] bytes = variant.getBytes(StandardCharsets.UTF_8);
    Object byTree = outcome(() -> tree.decode(bytes));
    EventEnvelope byStream = streaming.decode(bytes);
    if (byStream != null) {
      streamed++;
      assertThat(byStream).as(variant).isEqualTo(byTree);
    } else {
      declined++;
    }
    assertThat(outcome(() -> codec.decode(bytes))).as(variant).isEqualTo(byTree);
  }

  /** The envelope, or the refusal's kind, field and message. */
  private static Object outcome(Supplier<EventEnvelope> decode) {
    try {
      return decode.get();
    } catch (EventDecodingException e) {
      return e.kind() + " " + e.field() + " " + e.getMessage();
    }
  }

  private List<String> structuralVariants(ObjectNode envelope) {
    List<String> variants = new ArrayList<>();
    List<Consumer<ObjectNode>> changes = new ArrayList<>();
    collect(envelope, root -> root, changes);
    for (Consumer<ObjectNode> change : changes) {
      ObjectNode copy = envelope.deepCopy();
      change.accept(copy);
      variants.add(copy.toString());
    }
    // Payload first, version last: valid, only not in the order this codec writes.
    ObjectNode reordered = NODES.objectNode();
    reordered.set("payload", envelope.get("payload"));
    envelope.fields().forEachRemaining(f -> reordered.set(f.getKey(), f.getValue()));
    reordered.set("version", reordered.remove("version"));
    variants.add(reordered.toString());
    return variants;
  }

  /** Every removal, replacement and addition at and below the container {@code at} finds. */
  private static void collect(JsonNode node, Locator at, List<Consumer<ObjectNode>> changes) {
    if (node.isObject()) {
      changes.add(root -> ((ObjectNode) at.find(root)).put("unknown_field", 1));
      node.fieldNames().forEachRemaining(name -> {
        changes.add(root -> ((ObjectNode) at.find(root)).remove(name));
        for (JsonNode value : VALUES) {
          changes.add(root -> ((ObjectNode) at.find(root)).set(name, value.deepCopy()));
        }
        collect(node.get(name), root -> at.find(root).get(name), changes);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        int index = i;
        for (JsonNode value : VALUES) {
          changes.add(root -> ((ArrayNode) at.find(root)).set(index, value.deepCopy()));
        }
        collect(node.get(i), root -> at.find(root).get(index), changes);
      }
    }
  }

  /** Finds one node of a copy of the envelope. */
  private interface Locator {
    JsonNode find(ObjectNode root);
  }
}
