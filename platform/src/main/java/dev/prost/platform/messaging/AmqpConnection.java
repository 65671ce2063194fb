package dev.prost.platform.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryDelayHandler;
import com.rabbitmq.client.RecoveryListener;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's connection to RabbitMQ, to any node of {@link MessagingConfig#amqpUris()} that
 * answers. Uses the Java client's automatic recovery: after a broker restart, a lost node or a
 * forced close it reconnects (to a node picked again) with exponential backoff,
 * re-declares the exchanges, queues and bindings declared through it, then re-opens
 * channels and consumers, in that order. Delivery tags of the dead channel are ignored
 * by the recovered one, so a late ack can never close it.
 */
public final class AmqpConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AmqpConnection.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Connection connection;
  private final AtomicInteger channels = new AtomicInteger();

  private AmqpConnection(Vertx vertx, Connection connection) {
    this.vertx = vertx;
    this.connection = connection;
  }

  /** Connects, retrying with backoff for up to 30 s before failing with what it could not reach. */
  public static Future<AmqpConnection> open(Vertx vertx, MessagingConfig config, String name) {
    return open(vertx, config, name, STARTUP_TIMEOUT);
  }

  /**
   * Connects, retrying with backoff for up to {@code patience} (zero: one attempt, as an
   * operator's command wants: it should say at once that the broker is down).
   */
  public static Future<AmqpConnection> open(Vertx vertx, MessagingConfig config, String name, Duration patience) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(config.amqpUri());
    } catch (Exception e) {
      return Future.failedFuture(new IllegalArgumentException("PROST_AMQP_URI: " + e.getMessage(), e));
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setRecoveryDelayHandler(new RecoveryDelayHandler.ExponentialBackoffDelayHandler(
        List.of(200L, 500L, 1000L, 2000L, 5000L)));
    factory.setRequestedHeartbeat(10);
    factory.setConnectionTimeout(5000);
    Promise<AmqpConnection> opened = Promise.promise();
    long deadline = System.nanoTime() + patience.toNanos();
    connect(vertx, factory, name, config, patience, deadline, 200, opened);
    return opened.future();
  }

  private static void connect(Vertx vertx, ConnectionFactory factory, String name, MessagingConfig config,
      Duration patience, long deadline, long delayMs, Promise<AmqpConnection> opened) {
    // any node that answers; recovery picks again from the shuffled list
    Future<Connection> attempt =
        vertx.executeBlocking(() -> factory.newConnection(null, BrokerAddresses.resolver(config), name), false);
    attempt.onComplete(ar -> {
      if (ar.succeeded()) {
        Connection connection = ar.result();
        ((Recoverable) connection).addRecoveryListener(new LoggingRecovery(name));
        opened.complete(new AmqpConnection(vertx, connection));
      } else if (System.nanoTime() - deadline >= 0) {
        opened.fail(new IllegalStateException("could not reach RabbitMQ at " + nodes(config)
            + (patience.isZero() ? "" : " within " + patience.toSeconds() + " s") + ": "
            + ar.cause().getMessage(), ar.cause()));
      } else {
        log.warn("RabbitMQ not reachable yet ({}), retrying in {} ms", ar.cause().getMessage(), delayMs);
        vertx.setTimer(delayMs, id -> connect(vertx, factory, name, config, patience, deadline,
            Math.min(delayMs * 2, 5000), opened));
      }
    });
  }

  private static String nodes(MessagingConfig config) {
    return String.join(", ", config.amqpUris().stream().map(u -> BrokerAddresses.address(u).toString()).toList());
  }

  /** Opens a channel with its own calling thread. */
  public Future<AmqpChannel> openChannel(String purpose) {
    return vertx.executeBlocking(() -> {
      Channel channel = connection.createChannel();
      return new AmqpChannel(vertx, channel, "amqp-" + purpose + "-" + channels.incrementAndGet());
    }, false);
  }

  public boolean isOpen() {
    return connection.isOpen();
  }

  /** The connection as RabbitMQ names it (for {@code rabbitmqctl list_connections}). */
  public String name() {
    return connection.getClientProvidedName();
  }

  @Override
  public void close() {
    try {
      connection.close(5000);
    } catch (Exception e) {
      log.debug("closing the broker connection: {}", e.toString());
    }
  }

  private record LoggingRecovery(String name) implements RecoveryListener {
    @Override
    public void handleRecoveryStarted(Recoverable recoverable) {
      log.warn("broker connection {} lost, reconnecting", name);
    }

    @Override
    public void handleRecovery(Recoverable recoverable) {
      log.info("broker connection {} recovered; topology re-declared, consumers resumed", name);
    }
  }
}
