package dev.prost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.catalog.events.ReservationHandlers;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.OrderPlaced;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Cache invalidation after stock moves: once per commit, on every instance")
class StockInvalidationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("a commit of several events tells the listener once, with the union of the products they moved")
  void oneCallPerCommit(Vertx vertx) {
    List<Collection<UUID>> calls = new ArrayList<>();
    var handlers = ReservationHandlers.create(ReservationConfig.defaults(),
        Outbox.create(vertx, CatalogService.SCHEMA, EventCodec.create()), ids -> {
          calls.add(ids);
          return Future.succeededFuture();
        });
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();

    Await.result(handlers.groupAfterCommit().run(Arrays.asList(List.of(a, b), List.of(), List.of(b, c))));
    Await.result(handlers.groupAfterCommit().run(Arrays.asList(List.of(), List.of())));

    assertThat(calls).as("nothing moved, nothing told").singleElement()
        .satisfies(ids -> assertThat(ids).containsExactly(a, b, c));
  }

  @Test
  @DisplayName("stock moved by a burst of orders drops every product from every instance's in-process cache;"
      + " the announcements name each product, at most one per commit")
  void everyProductLeavesEveryInstance(Vertx vertx) {
    // local copies would live an hour: only the invalidation can drop them
    Map<String, String> settings = new HashMap<>(Map.of("PROST_PRODUCT_LOCAL_TTL", "1h",
        "PROST_CONSUMER_CONCURRENCY", "1"));
    CatalogFixture a = new CatalogFixture(vertx, db, settings).start();
    settings.put("PROST_NAMESPACE", a.namespace);
    CatalogFixture b = new CatalogFixture(vertx, db, settings).start();
    Queue<String> announcements = new ConcurrentLinkedQueue<>();
    RedisConnection subscriber = subscribe(vertx, a, announcements);
    try {
      String category = a.createCategory("Burst " + UUID.randomUUID());
      List<UUID> products = IntStream.range(0, 6).mapToObj(i -> UUID.fromString(a.createProduct(category,
          "SKU-" + UUID.randomUUID().toString().substring(0, 8), "Cup " + i, "", 300, 50).getString("id"))).toList();
      for (CatalogFixture instance : List.of(a, b)) {
        products.forEach(id -> instance.get("/api/products/" + id));
        assertThat(CatalogCacheAcrossInstancesTest.localEntries(instance)).isEqualTo(6.0);
      }

      publishOrders(vertx, a, products);

      await().atMost(PATIENCE).until(() -> CatalogCacheAcrossInstancesTest.localEntries(a) == 0.0
          && CatalogCacheAcrossInstancesTest.localEntries(b) == 0.0);
      for (CatalogFixture instance : List.of(a, b)) {
        products.forEach(id -> assertThat(instance.get("/api/products/" + id).bodyAsJsonObject()
            .getInteger("stock_reserved")).isEqualTo(1));
      }
      List<UUID> announced = announcements.stream()
          .flatMap(text -> Arrays.stream(text.split(","))).map(UUID::fromString).toList();
      assertThat(announced).containsExactlyInAnyOrderElementsOf(products);
      assertThat(announcements).hasSizeLessThanOrEqualTo(products.size());
    } finally {
      subscriber.close();
      b.stop();
      a.stop();
    }
  }

  // the announcements on the instances' channel, as a third instance would receive them
  private static RedisConnection subscribe(Vertx vertx, CatalogFixture instance, Queue<String> into) {
    RedisConnection conn = Await.result(Redis.createClient(vertx,
        RedisConnections.url(Env.of(instance.env())).toString()).connect());
    conn.handler(push -> {
      if (push.size() == 3 && "message".equals(push.get(0).toString())) {
        into.add(push.get(2).toString());
      }
    });
    Await.result(conn.send(Request.cmd(Command.SUBSCRIBE).arg(instance.namespace + ":product-invalidations")));
    return conn;
  }

  // one OrderPlaced per product, all in flight at once, as the orders relay publishes them
  private static void publishOrders(Vertx vertx, CatalogFixture instance, List<UUID> products) {
    MessagingConfig config = MessagingConfig.from(Env.of(instance.env()));
    AmqpConnection amqp = Await.result(AmqpConnection.open(vertx, config, "prost-test-orders"));
    try {
      EventPublisher publisher = Await.result(EventPublisher.create(vertx, amqp, Duration.ofSeconds(5),
          new MessagingMetrics(new SimpleMeterRegistry(), "orders")));
      EventCodec codec = EventCodec.create();
      List<Future<Void>> confirms = new ArrayList<>();
      for (UUID product : products) {
        UUID order = UUID.randomUUID();
        EventEnvelope placed = EventEnvelope.first("orders", order,
            new OrderPlaced(order, UUID.randomUUID(), List.of(new PricedLine(product, 1, 300)), 300, "EUR"));
        confirms.add(publisher.publish(OutgoingMessage.event(new TopologyNames(config.namespace()).exchange("orders"),
            "order.placed", placed.metadata().eventId().toString(), "OrderPlaced", 1, order.toString(),
            codec.encodeToString(placed))));
      }
      Await.result(Future.all(confirms));
      publisher.close();
    } finally {
      amqp.close();
    }
  }
}
