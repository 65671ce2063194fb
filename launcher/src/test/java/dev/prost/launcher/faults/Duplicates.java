package dev.prost.launcher.faults;

import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.Topology.Subscription;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Second deliveries, as a relay that crashed between the broker's confirm and its commit makes
 * them: the most recent events of every type each service has published are published again,
 * byte for byte, with the same event id (message id), to their exchange and routing key — so
 * every consumer bound to them receives a copy.
 */
final class Duplicates {

  /** One event published a second time. */
  record Copy(String producer, String eventId, String eventType, String routingKey) {}

  /** Inbox rows of the copied events: one per event and consumer bound to it is what a single delivery leaves. */
  record InboxRows(long expected, long found) {}

  private static final String RECENT = """
      SELECT event_id, event_type, event_version, exchange, routing_key, correlation_id, envelope
      FROM (SELECT *, row_number() OVER (PARTITION BY event_type ORDER BY id DESC) AS recent
            FROM %s.outbox WHERE published_at IS NOT NULL) o
      WHERE recent <= %d ORDER BY id""";

  private Duplicates() {}

  /** Publishes again the {@code perType} latest published events of each type; answers the copies. */
  static List<Copy> publish(TestDatabase db, EventPublisher publisher, TopologyNames names, int perType) {
    List<Copy> copies = new ArrayList<>();
    List<Future<Void>> confirms = new ArrayList<>();
    for (String service : Deployment.SERVICES) {
      for (Map<String, String> row : AdminSql.rows(db, RECENT.formatted(ServiceSchema.of(service).schema(), perType))) {
        Copy copy = new Copy(service, row.get("event_id"), row.get("event_type"), row.get("routing_key"));
        copies.add(copy);
        confirms.add(publisher.publish(OutgoingMessage.event(names.namespaced(row.get("exchange")), copy.routingKey(),
            copy.eventId(), copy.eventType(), Integer.parseInt(row.get("event_version")), row.get("correlation_id"),
            row.get("envelope"))));
      }
    }
    Await.result(Future.all(confirms));
    return copies;
  }

  /** Counts the inbox rows of the copied events in every consumer bound to them. */
  static InboxRows inboxRows(TestDatabase db, List<Copy> copies, List<Topology> topologies) {
    long expected = 0;
    long found = 0;
    for (Topology topology : topologies) {
      for (Subscription sub : topology.subscriptions()) {
        List<String> ids = copies.stream()
            .filter(c -> c.producer().equals(sub.producer()) && sub.routingKeys().contains(c.routingKey()))
            .map(c -> "'" + c.eventId() + "'").distinct().toList();
        if (!ids.isEmpty()) {
          expected += ids.size();
          found += db.adminScalar("SELECT count(*) FROM " + ServiceSchema.of(topology.service()).schema()
              + ".processed_events WHERE consumer = '" + sub.consumer() + "' AND event_id IN ("
              + String.join(",", ids) + ")");
        }
      }
    }
    return new InboxRows(expected, found);
  }
}
