package dev.prost.launcher.faults;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import dev.prost.platform.events.EventType;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue;
import dev.prost.platform.messaging.deadletter.DeadLetterSelection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Messages no consumer can apply, published straight to every work queue: malformed JSON, an
 * unknown event type, a version newer than this build knows, and an event the queue's consumer
 * handles whose payload fields all have the wrong JSON type. Each has a message id of its own,
 * so that afterwards every one can be looked for in its queue's dead-letter queue.
 */
final class PoisonMessages {

  /** One poison message and where it must end up. */
  record Poison(String kind, String messageId, String workQueue, String deadLetterQueue) {}

  /** What the dead-letter queues held: the poison found, with reasons, and anything else. */
  record Findings(Map<String, String> reasonByPoison, List<DeadLetter> others) {}

  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
  private static final EventCodec CODEC = EventCodec.create();

  private PoisonMessages() {}

  /** Publishes the four kinds to every work queue of {@code topologies}, each confirmed. */
  static List<Poison> publish(EventPublisher publisher, TopologyNames names, List<Topology> topologies) {
    List<Poison> sent = new ArrayList<>();
    List<Future<Void>> confirms = new ArrayList<>();
    for (Topology topology : topologies) {
      for (Subscription sub : topology.subscriptions()) {
        EventType handled = EventCatalog.all().stream()
            .filter(t -> t.producer().equals(sub.producer()) && sub.routingKeys().contains(t.routingKey()))
            .findFirst().orElseThrow();
        String queue = names.workQueue(sub);
        Map<String, String> bodies = Map.of(
            "malformed JSON", "{\"event_id\": \"" + UUID.randomUUID() + "\", \"event_type\": \"" + handled.name()
                + "\", \"payload\": {",
            "unknown type", envelope("OrderTeleported", 1, handled.producer(), new JsonObject()),
            "future version", envelope(handled.name(), handled.version() + 98, handled.producer(), new JsonObject()),
            "wrong field types",
            envelope(handled.name(), handled.version(), handled.producer(), wronglyTyped(handled)));
        bodies.forEach((kind, body) -> {
          assertUndecodable(kind, body);
          String id = UUID.randomUUID().toString();
          sent.add(new Poison(kind, id, queue, names.deadLetterQueue(sub)));
          // the default exchange routes by queue name: straight into the work queue
          confirms.add(publisher.publish(OutgoingMessage.event("", queue, id, handled.name(), handled.version(),
              UUID.randomUUID().toString(), body)));
        });
      }
    }
    Await.result(Future.all(confirms));
    return sent;
  }

  /** Reads every dead-letter queue the poison went to (reading keeps the messages, in order). */
  static Findings find(AmqpConnection connection, List<Poison> poison) {
    Map<String, DeadLetter> byId = new HashMap<>();
    List<DeadLetter> others = new ArrayList<>();
    for (String dlq : poison.stream().map(Poison::deadLetterQueue).distinct().toList()) {
      for (DeadLetter letter : Await.result(DeadLetterQueue.create(connection, dlq, Duration.ofSeconds(10))
          .browse(DeadLetterSelection.all()))) {
        letter.messageId().ifPresent(id -> byId.put(id, letter));
      }
    }
    Map<String, String> reasons = new HashMap<>();
    for (Poison p : poison) {
      DeadLetter letter = byId.remove(p.messageId());
      if (letter != null) {
        reasons.put(p.messageId(), letter.reason().orElse(""));
      }
    }
    others.addAll(byId.values());
    return new Findings(reasons, others);
  }

  private static String envelope(String type, int version, String producer, JsonObject payload) {
    return new JsonObject()
        .put("event_id", UUID.randomUUID().toString())
        .put("event_type", type)
        .put("version", version)
        .put("correlation_id", UUID.randomUUID().toString())
        .putNull("causation_id")
        .put("timestamp", Instant.now().toString())
        .put("producer", producer)
        .put("payload", payload)
        .encode();
  }

  /** Every field of the type's payload, each with a value of the wrong JSON type. */
  private static JsonObject wronglyTyped(EventType type) {
    JsonObject payload = new JsonObject();
    for (RecordComponent component : type.javaClass().getRecordComponents()) {
      Class<?> java = component.getType();
      Object wrong = Number.class.isAssignableFrom(java) || java.isPrimitive() ? "not a number"
          : List.class.isAssignableFrom(java) ? "not a list"
          : new JsonArray().add(1).add(2);
      payload.put(SNAKE_CASE.translate(component.getName()), wrong);
    }
    return payload;
  }

  // the poison must be poison: a codec that accepted it would make the check meaningless
  private static void assertUndecodable(String kind, String body) {
    try {
      CODEC.decode(body);
    } catch (EventDecodingException expected) {
      return;
    }
    throw new IllegalStateException("the codec accepts the '" + kind + "' poison: " + body);
  }
}
