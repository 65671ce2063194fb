package dev.prost.platform.messaging;

import com.rabbitmq.client.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A channel of the RabbitMQ Java client and the one thread allowed to call it. Publishes,
 * acks and declarations are socket writes that may block under broker flow control, so
 * they never run on an event loop; one thread per channel also keeps the publish sequence
 * numbers and the publishes in the same order. Results come back on the caller's context.
 */
public final class AmqpChannel implements AutoCloseable {

  /** A blocking operation on the channel. */
  @FunctionalInterface
  public interface ChannelCall<T> {
    T apply(Channel channel) throws Exception;
  }

  private final Vertx vertx;
  private final Channel channel;
  private final ExecutorService thread;
  private final AtomicBoolean closed = new AtomicBoolean();

  AmqpChannel(Vertx vertx, Channel channel, String name) {
    this.vertx = vertx;
    this.channel = channel;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code call} on the channel's thread; completes on the calling Vert.x context. */
  public <T> Future<T> call(ChannelCall<T> call) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      thread.execute(() -> {
        try {
          T result = call.apply(channel);
          context.runOnContext(v -> promise.complete(result));
        } catch (Exception | Error e) {
          context.runOnContext(v -> promise.fail(e));
        }
      });
    } catch (RejectedExecutionException e) {
      promise.fail(new IllegalStateException("channel is closed", e));
    }
    return promise.future();
  }

  /** The underlying channel, for listener registration; call it only through {@link #call}. */
  Channel raw() {
    return channel;
  }

  /** Closes the channel and its thread; a second call (a resubscribe closed it already) does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    thread.execute(() -> {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (Exception ignored) {
        // closing a channel whose connection is gone: nothing left to release
      }
    });
    thread.shutdown();
  }
}
