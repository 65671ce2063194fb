package dev.prost.platform.messaging.impl;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;

/** Reads the broker's own words out of the client's exceptions (a 404 or 406 closes the channel). */
public final class BrokerReplies {

  public static final int NOT_FOUND = 404;
  public static final int PRECONDITION_FAILED = 406;

  private BrokerReplies() {}

  /** The reply code of the channel close behind {@code failure}, or 0 if there is none. */
  public static int code(Throwable failure) {
    AMQP.Channel.Close close = close(failure);
    return close == null ? 0 : close.getReplyCode();
  }

  /** The reply text, such as {@code NOT_FOUND - no queue 'x' in vhost '/'}, or the exception's message. */
  public static String text(Throwable failure) {
    AMQP.Channel.Close close = close(failure);
    return close != null ? close.getReplyText() : String.valueOf(failure.getMessage());
  }

  private static AMQP.Channel.Close close(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close) {
        return close;
      }
    }
    return null;
  }
}
