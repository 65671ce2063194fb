package dev.prost.platform.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.prost.platform.config.Env;

/**
 * The encoder {@code logback.xml} names: text with its {@code pattern}, or JSON lines
 * ({@link JsonLineEncoder}) when {@code PROST_LOG_FORMAT=json}. One appender choosing its
 * encoder, rather than two appenders of which one is referenced: Logback warns about the other,
 * and a warning makes it print its whole status at every start.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {

  private String pattern = "%msg%n";
  private Encoder<ILoggingEvent> delegate;

  /** The text format's pattern. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public void start() {
    // lenient: Logback starts before any Prost code; a bad value logs as text and the start then fails on it
    if (LogFormat.lenient(Env.system()) == LogFormat.JSON) {
      delegate = new JsonLineEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(pattern);
      delegate = text;
    }
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    delegate.stop();
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
