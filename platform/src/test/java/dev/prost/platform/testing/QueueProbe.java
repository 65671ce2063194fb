package dev.prost.platform.testing;

import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import io.vertx.core.Vertx;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the broker about one queue on a connection of its own (the caller's may still be
 * recovering from a broker restart, and a passive declare of a missing queue closes its channel).
 */
public final class QueueProbe {

  private QueueProbe() {}

  /** Whether {@code queue} exists. */
  public static boolean exists(Vertx vertx, MessagingConfig config, String queue) {
    AmqpConnection probe = Await.result(AmqpConnection.open(vertx, config, "prost-test-probe"));
    try {
      AmqpChannel channel = Await.result(probe.openChannel("probe"));
      return Await.result(channel.call(raw -> {
        try {
          raw.queueDeclarePassive(queue);
          return true;
        } catch (IOException e) {
          return false;
        }
      }));
    } finally {
      probe.close();
    }
  }

  /** Messages ready in {@code queue}. */
  public static long ready(Vertx vertx, MessagingConfig config, String queue) {
    AmqpConnection probe = Await.result(AmqpConnection.open(vertx, config, "prost-test-probe"));
    try {
      AmqpChannel channel = Await.result(probe.openChannel("probe"));
      return Await.result(channel.call(raw -> raw.messageCount(queue)));
    } finally {
      probe.close();
    }
  }

  /**
   * Takes every message ready in {@code queue} (acknowledged as taken) and answers their message
   * ids, repeats included: delivery is at-least-once, so callers count distinct ids.
   */
  public static List<String> takeMessageIds(Vertx vertx, MessagingConfig config, String queue) {
    AmqpConnection probe = Await.result(AmqpConnection.open(vertx, config, "prost-test-probe"));
    try {
      AmqpChannel channel = Await.result(probe.openChannel("probe"));
      return Await.result(channel.call(raw -> {
        List<String> ids = new ArrayList<>();
        for (GetResponse message = raw.basicGet(queue, true); message != null; message = raw.basicGet(queue, true)) {
          ids.add(message.getProps().getMessageId());
        }
        return ids;
      }));
    } finally {
      probe.close();
    }
  }
}
