package dev.prost.platform.messaging.impl;

import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.EventPublisher;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.OutgoingMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link EventPublisher} on one confirm-mode channel. Outstanding publishes are kept by
 * sequence number; the broker's (possibly multiple) acks and nacks complete them, and a
 * sweeper fails those past the confirm timeout. When the channel dies, every outstanding
 * publish fails: the recovered channel numbers from 1 again and can confirm none of them.
 */
public final class ConfirmingPublisher implements EventPublisher, ConfirmListener {

  private record Pending(Context context, Promise<Void> promise, long deadlineNanos) {}

  private final Vertx vertx;
  private final AmqpChannel channel;
  private final Duration confirmTimeout;
  private final MessagingMetrics metrics;
  private final ConcurrentNavigableMap<Long, Pending> outstanding = new ConcurrentSkipListMap<>();
  private final long sweeper;

  private ConfirmingPublisher(Vertx vertx, AmqpChannel channel, Duration confirmTimeout, MessagingMetrics metrics) {
    this.vertx = vertx;
    this.channel = channel;
    this.confirmTimeout = confirmTimeout;
    this.metrics = metrics;
    this.sweeper = vertx.setPeriodic(Math.max(100, confirmTimeout.toMillis() / 4), id -> failOverdue());
  }

  public static Future<ConfirmingPublisher> open(Vertx vertx, AmqpConnection connection, Duration confirmTimeout,
      MessagingMetrics metrics) {
    return connection.openChannel("publisher").compose(channel -> {
      ConfirmingPublisher publisher = new ConfirmingPublisher(vertx, channel, confirmTimeout, metrics);
      return channel.call(raw -> {
        raw.addConfirmListener(publisher);
        raw.addShutdownListener(publisher::channelLost);
        raw.confirmSelect();
        return publisher;
      });
    });
  }

  @Override
  public Future<Void> publish(OutgoingMessage message) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    long deadline = System.nanoTime() + confirmTimeout.toNanos();
    channel.call(raw -> {
      // sequence number and publish on the channel's single thread: they cannot interleave
      long seq = raw.getNextPublishSeqNo();
      outstanding.put(seq, new Pending(context, promise, deadline));
      try {
        raw.basicPublish(message.exchange(), message.routingKey(), false, message.properties(), message.body());
      } catch (Exception e) {
        outstanding.remove(seq);
        throw e;
      }
      return null;
    }).onFailure(promise::tryFail);
    metrics.published();
    return promise.future();
  }

  @Override
  public void handleAck(long seq, boolean multiple) {
    settle(seq, multiple, null);
  }

  @Override
  public void handleNack(long seq, boolean multiple) {
    settle(seq, multiple, "broker nacked the message");
  }

  private void settle(long seq, boolean multiple, String failure) {
    Map<Long, Pending> settled = multiple ? outstanding.headMap(seq, true) : singleton(seq);
    for (Map.Entry<Long, Pending> entry : settled.entrySet()) {
      Pending pending = outstanding.remove(entry.getKey());
      if (pending != null) {
        complete(pending, failure);
      }
    }
  }

  private Map<Long, Pending> singleton(long seq) {
    Pending pending = outstanding.get(seq);
    return pending == null ? Map.of() : Map.of(seq, pending);
  }

  private void complete(Pending pending, String failure) {
    if (failure == null) {
      metrics.confirmed();
      pending.context().runOnContext(v -> pending.promise().tryComplete());
    } else {
      metrics.publishFailed();
      pending.context().runOnContext(v -> pending.promise().tryFail(failure));
    }
  }

  private void channelLost(ShutdownSignalException cause) {
    failAll("channel closed before the confirm: " + cause.getMessage());
  }

  private void failOverdue() {
    long now = System.nanoTime();
    for (Map.Entry<Long, Pending> entry : outstanding.entrySet()) {
      if (now - entry.getValue().deadlineNanos() > 0 && outstanding.remove(entry.getKey(), entry.getValue())) {
        complete(entry.getValue(), "no confirm within " + confirmTimeout.toMillis() + " ms");
      }
    }
  }

  private void failAll(String reason) {
    for (Long seq : outstanding.keySet()) {
      Pending pending = outstanding.remove(seq);
      if (pending != null) {
        complete(pending, reason);
      }
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(sweeper);
    failAll("publisher closed");
    channel.close();
  }

}
