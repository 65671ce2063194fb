package dev.prost.launcher.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import dev.prost.platform.logging.JsonLineEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged anywhere in this JVM while it runs, at DEBUG and above: the root logger's
 * level is lowered for the while (loggers configured with their own level keep it), so that a
 * secret logged only when an operator turns on debugging is caught too. The same events are
 * also written as {@code PROST_LOG_FORMAT=json} writes them ({@link #jsonLines()}).
 */
final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final ByteArrayOutputStream json = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> jsonAppender = new OutputStreamAppender<>();
  private final Level previous;

  private LogCapture() {
    previous = root.getLevel();
    appender.setName("security-test-capture");
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(root.getLoggerContext());
    encoder.start();
    jsonAppender.setName("security-test-json");
    jsonAppender.setContext(root.getLoggerContext());
    jsonAppender.setEncoder(encoder);
    jsonAppender.setOutputStream(json);
    jsonAppender.start();
    root.addAppender(jsonAppender);
    root.setLevel(Level.DEBUG);
  }

  static LogCapture start() {
    return new LogCapture();
  }

  /**
   * Each event as text: logger, thread, message with its arguments, the raw arguments, MDC,
   * key-value pairs and the whole stack trace with every cause's message.
   */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    // the appender adds under its own lock (AppenderBase.doAppend is synchronized)
    synchronized (appender) {
      for (ILoggingEvent event : appender.list) {
        StringBuilder line = new StringBuilder()
            .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
            .append(event.getThreadName()).append(' ').append(event.getFormattedMessage())
            .append(" args=").append(Arrays.deepToString(event.getArgumentArray()))
            .append(" mdc=").append(event.getMDCPropertyMap())
            .append(" kv=").append(event.getKeyValuePairs());
        if (event.getThrowableProxy() != null) {
          line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }

  /** Each event as the JSON log format writes it, one object per line. */
  List<String> jsonLines() {
    // the appender writes under its own lock
    synchronized (jsonAppender) {
      return json.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Override
  public void close() {
    root.setLevel(previous);
    root.detachAppender(appender);
    appender.stop();
    root.detachAppender(jsonAppender);
    jsonAppender.stop();
  }
}
