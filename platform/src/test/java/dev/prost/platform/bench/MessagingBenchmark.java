package dev.prost.platform.bench;

import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.topology.TopologyDeclarer;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.platform.testing.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end events per second: writers commit events to the users outbox (50 per
 * transaction, four at a time), the relay publishes them with confirms, a cart-side
 * consumer applies each in its own transaction (inbox row + one effect row) and acks.
 * Prints the per-second consumed rate and its median over {@code seconds} after a
 * 10-second warm-up; run by
 * {@code scripts/bench messaging}.
 */
public final class MessagingBenchmark {

  private static final ServiceSchema USERS = ServiceSchema.of("users");
  private static final ServiceSchema CART = ServiceSchema.of("cart");
  private static final int WARMUP_SECONDS = 10;
  private static final int MAX_BACKLOG = 20_000;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Vertx vertx = Vertx.vertx();
    MessagingConfig config = TestNamespace.config(Map.of("PROST_RETRY_BASE_DELAY", "500ms"));
    Topology producer = Topology.forService("users").build();
    Topology consumer = Topology.forService("cart").consume("users", "user.registered").build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TestDatabase db = TestDatabase.create()) {
      Await.result(Migrations.create(vertx, db.config(), USERS).migrate());
      Await.result(Migrations.create(vertx, db.config(), CART).migrate());
      Pool users = ServicePool.create(vertx, db.config(), USERS);
      Pool cart = ServicePool.create(vertx, db.config(), CART);
      Await.result(cart.query("CREATE TABLE effects (event_id uuid PRIMARY KEY, email text)").execute());
      EventHandlers handlers = EventHandlers.builder()
          .on(UserRegistered.class, (conn, envelope, event) -> conn
              .preparedQuery("INSERT INTO effects (event_id, email) VALUES ($1, $2)")
              .execute(Tuple.of(envelope.metadata().eventId(), event.email())).mapEmpty())
          .build();
      ServiceMessaging out = Await.result(ServiceMessaging.start(vertx, users, USERS, config, producer,
          Map.of(), new MessagingMetrics(registry, "users")));
      ServiceMessaging in = Await.result(ServiceMessaging.start(vertx, cart, CART, config, consumer,
          Map.of("cart", handlers), new MessagingMetrics(registry, "cart")));

      AtomicLong written = new AtomicLong();
      AtomicLong running = new AtomicLong(1);
      Outbox outbox = Outbox.create(vertx, USERS, EventCodec.create());
      for (int w = 0; w < 4; w++) {
        vertx.runOnContext(v -> write(vertx, users, outbox, written, registry, running));
      }
      List<Long> rates = new ArrayList<>();
      double previous = consumed(registry);
      double previousConfirmed = confirmed(registry);
      // the JIT needs a few seconds of load before a long-running service's figures show
      for (int s = 1; s <= WARMUP_SECONDS + seconds; s++) {
        Thread.sleep(1000);
        double now = consumed(registry);
        double nowConfirmed = confirmed(registry);
        long rate = Math.round(now - previous);
        System.out.printf("second %2d: consumed %6d events/s, relayed %6d events/s (written %d so far)%n", s, rate,
            Math.round(nowConfirmed - previousConfirmed), written.get());
        previous = now;
        previousConfirmed = nowConfirmed;
        if (s > WARMUP_SECONDS) {
          rates.add(rate);
        }
      }
      running.set(0);
      System.out.printf("e2e median: %d events/s%n", median(rates));

      Await.result(in.connection().openChannel("cleanup").compose(channel -> channel.<Void>call(raw -> {
        new TopologyDeclarer(config).delete(raw, consumer);
        new TopologyDeclarer(config).delete(raw, producer);
        return null;
      })));
      Await.result(in.stop());
      Await.result(out.stop());
    } finally {
      Await.result(vertx.close());
    }
  }

  /** One writer: commits 50 events per transaction, pausing while the backlog is large. */
  private static void write(Vertx vertx, Pool pool, Outbox outbox, AtomicLong written, SimpleMeterRegistry registry,
      AtomicLong running) {
    if (running.get() == 0) {
      return;
    }
    if (written.get() - consumed(registry) > MAX_BACKLOG) {
      vertx.setTimer(20, id -> write(vertx, pool, outbox, written, registry, running));
      return;
    }
    List<EventEnvelope> batch = new ArrayList<>(50);
    for (int i = 0; i < 50; i++) {
      UUID user = UUID.randomUUID();
      batch.add(EventEnvelope.first("users", user, new UserRegistered(user, user + "@example.com", "Bench")));
    }
    pool.withTransaction(conn -> outbox.appendAll(conn, batch))
        .onSuccess(v -> written.addAndGet(batch.size()))
        .recover(e -> Future.succeededFuture())
        .onComplete(ar -> write(vertx, pool, outbox, written, registry, running));
  }

  private static double consumed(SimpleMeterRegistry registry) {
    return registry.find("prost.events.consumed").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static double confirmed(SimpleMeterRegistry registry) {
    return registry.find("prost.events.confirmed").tag("service", "users").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return 0;
    }
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  private MessagingBenchmark() {}
}
