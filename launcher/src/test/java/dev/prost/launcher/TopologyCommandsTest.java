package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import dev.prost.launcher.OperatorFixture.Result;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.EventType;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyPlan;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("prost topology")
class TopologyCommandsTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();
  private OperatorFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @DisplayName("show before declare reports everything missing; after declare every exchange and queue of every "
      + "service is there, with its type, counts and bindings")
  void declareThenShow(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);
    TopologyPlan plan = ProstTopology.plan(fixture.config);

    Result before = fixture.prost("topology", "show");
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(before.out()).contains((plan.exchanges().size() + plan.queues().size()) + " missing");

    Result declare = fixture.prost("topology", "declare");
    assertThat(declare.exitCode()).as(declare.err()).isZero();
    assertThat(declare.out()).contains("declared 12 exchanges, 24 queues (" + type() + ") and "
        + plan.bindings().size() + " bindings");

    Result show = fixture.prost("topology", "show");
    assertThat(show.exitCode()).as(show.err()).isZero();
    // sections: heading, exchanges, queues, bindings, verdict
    String queues = show.out().split("\n\n")[2];
    for (TopologyPlan.QueueSpec queue : plan.queues()) {
      assertThat(queues.lines().filter(l -> l.startsWith(queue.name() + " ")).toList()).singleElement()
          .asString().contains(type()).endsWith("ok");
    }
    for (TopologyPlan.ExchangeSpec exchange : plan.exchanges()) {
      String name = exchange.name().replace(".", "\\.");
      assertThat(show.out()).containsPattern("(?m)^" + name + "\\s+(topic|fanout)\\s+ok$");
    }
    String ns = fixture.config.namespace();
    assertThat(show.out())
        .containsPattern(ns + "\\.orders\\.events\\s+order\\.confirmed\\s+" + ns + "\\.orders\\.events\\.cart-checkout")
        .containsPattern(ns + "\\.orders\\.events\\.orders-payment\\.retry\\s+\\(expired, default exchange\\)\\s+"
            + ns + "\\.orders\\.events\\.orders-payment\\n")
        .contains("every exchange and queue exists");
  }

  @Test
  @DisplayName("show tells a queue declared with another type than the configured one")
  void showsDifferentQueueType(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db, "classic");
    assertThat(fixture.prost("topology", "declare").exitCode()).isZero();

    Result show = fixture.prost(Map.of("PROST_QUEUE_TYPE", "quorum"), "topology", "show");
    assertThat(show.exitCode()).as(show.err()).isZero();
    String queues = show.out().split("\n\n")[2];
    // the broker names the first argument that differs: a retry queue's overflow comes before its type
    assertThat(queues.lines().skip(1).toList()).hasSize(24).allSatisfy(row -> assertThat(row)
        .contains("quorum", "differs: PRECONDITION_FAILED - inequivalent arg "
            + (row.contains(".retry ") ? "'x-overflow'" : "'x-queue-type'")));
  }

  @Test
  @DisplayName("after declare, events published before any service runs wait in every consumer's queue and are "
      + "applied when the consumer starts")
  void nothingPublishedEarlyIsLost(Vertx vertx) {
    fixture = new OperatorFixture(vertx, db);
    assertThat(fixture.prost("topology", "declare").exitCode()).isZero();

    // one message of every type the catalogue knows, each to its producer's exchange and key
    for (EventType type : EventCatalog.all()) {
      fixture.publishRaw(new OutgoingMessage(fixture.names.exchange(type.producer()), type.routingKey(),
          new AMQP.BasicProperties.Builder().type(type.name()).deliveryMode(2).build(), new byte[] {'{', '}'}));
    }
    for (Topology topology : ProstTopology.ALL) {
      for (Subscription sub : topology.subscriptions()) {
        String queue = fixture.names.workQueue(sub);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(fixture.depth(queue)).as(queue).isEqualTo(sub.routingKeys().size()));
      }
    }

    EventEnvelope registered = fixture.publish(fixture.event(UUID.randomUUID()));
    fixture.startFixedConsumer();
    await().atMost(Duration.ofSeconds(60)).until(() -> fixture.effects(registered) == 1);
  }

  private String type() {
    return fixture.config.queueType().name().toLowerCase(Locale.ROOT);
  }
}
