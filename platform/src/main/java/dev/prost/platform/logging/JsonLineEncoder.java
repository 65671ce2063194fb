package dev.prost.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * One JSON object per log line: {@code time} (ISO-8601 UTC), {@code level}, {@code service},
 * {@code logger}, {@code thread}, {@code message}, then {@code trace_id}, {@code span_id} and
 * {@code correlation_id} when the MDC has them, and {@code exception} (the stack trace as
 * text) when there is one. Field names are the ones the operations docs promise, which is
 * why this is not Logback's {@code JsonEncoder} (fixed names, the MDC nested in an object).
 *
 * <p>{@code service} is the Prost service whose code logged ({@code dev.prost.cart...} is
 * cart), else the MDC's {@code service}, else the process's: {@link #setService}, or the
 * Logback context's {@code service} property ({@link #nameProcess}), or {@code prost}.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  /** MDC keys copied to top-level fields, in this order. */
  public static final List<String> MDC_FIELDS = List.of("trace_id", "span_id", CorrelationIds.KEY);

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] NEWLINE = {'\n'};
  private static final List<String> SERVICES = List.of("users", "catalog", "cart", "orders");

  private String service;

  /** The service named on lines whose logger does not name one. */
  public void setService(String service) {
    this.service = service == null || service.isBlank() ? null : service;
  }

  /** Names this process's lines that no service's logger wrote (the platform's, Vert.x's): a service jar's main calls it. */
  public static void nameProcess(String service) {
    if (LoggerFactory.getILoggerFactory() instanceof Context context) {
      context.putProperty("service", service);
    }
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      json.writeStringField("level", event.getLevel().toString());
      Map<String, String> mdc = event.getMDCPropertyMap();
      json.writeStringField("service", serviceOf(event.getLoggerName(), mdc));
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", event.getFormattedMessage());
      for (String key : MDC_FIELDS) {
        String value = mdc.get(key);
        if (value != null) {
          json.writeStringField(key, value);
        }
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        json.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(NEWLINE);
    return out.toByteArray();
  }

  private String serviceOf(String logger, Map<String, String> mdc) {
    if (logger.startsWith("dev.prost.")) {
      int end = logger.indexOf('.', "dev.prost.".length());
      String module = end < 0 ? "" : logger.substring("dev.prost.".length(), end);
      if (SERVICES.contains(module)) {
        return module;
      }
    }
    String fromMdc = mdc.get("service");
    if (fromMdc != null) {
      return fromMdc;
    }
    if (service != null) {
      return service;
    }
    String process = getContext() == null ? null : getContext().getProperty("service");
    return process != null ? process : "prost";
  }
}
