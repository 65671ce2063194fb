package dev.prost.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@DisplayName("JSON log lines")
class JsonLinesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  @DisplayName("one object per line with time, level, service, logger, message, the MDC's ids and the exception")
  void fields() throws Exception {
    List<JsonNode> lines = logged("dev.prost.cart.Checkouts", logger -> {
      MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
      MDC.put("span_id", "00f067aa0ba902b7");
      MDC.put(CorrelationIds.KEY, "7d8f2a1e-0000-4000-8000-000000000001");
      try {
        logger.warn("checkout {} failed", "c-1", new IllegalStateException("stock gone"));
      } finally {
        MDC.clear();
      }
      logger.info("plain \"quoted\"\nline");
    });

    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(first.get("level").asText()).isEqualTo("WARN");
    assertThat(first.get("service").asText()).isEqualTo("cart");
    assertThat(first.get("logger").asText()).isEqualTo("dev.prost.cart.Checkouts");
    assertThat(first.get("message").asText()).isEqualTo("checkout c-1 failed");
    assertThat(first.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(first.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(first.get("correlation_id").asText()).isEqualTo("7d8f2a1e-0000-4000-8000-000000000001");
    assertThat(first.get("exception").asText()).contains("IllegalStateException: stock gone").contains("at ");
    JsonNode second = lines.get(1);
    assertThat(second.get("message").asText()).isEqualTo("plain \"quoted\"\nline");
    assertThat(second.has("trace_id")).as("absent MDC keys are left out").isFalse();
    assertThat(second.has("exception")).isFalse();
  }

  @Test
  @DisplayName("a line no service's code wrote names the process's service")
  void processService() throws Exception {
    List<JsonNode> lines = logged("io.vertx.core.impl.ContextImpl", logger -> logger.error("boom"));
    assertThat(lines.get(0).get("service").asText()).isEqualTo("orders");
  }

  @Test
  @DisplayName("PROST_LOG_FORMAT is text or json; anything else fails naming the variable")
  void format() {
    assertThat(LogFormat.from(Env.of(Map.of()))).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.from(Env.of(Map.of("PROST_LOG_FORMAT", "JSON")))).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.from(Env.of(Map.of("PROST_LOG_FORMAT", "yaml"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PROST_LOG_FORMAT").hasMessageContaining("yaml");
    assertThat(LogFormat.lenient(Env.of(Map.of("PROST_LOG_FORMAT", "yaml")))).isEqualTo(LogFormat.TEXT);
  }

  private static List<JsonNode> logged(String loggerName, java.util.function.Consumer<Logger> body) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(logger.getLoggerContext());
    encoder.setService("orders");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(logger.getLoggerContext());
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    logger.addAppender(appender);
    try {
      body.accept(logger);
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(MAPPER.readTree(line));
    }
    return lines;
  }
}
