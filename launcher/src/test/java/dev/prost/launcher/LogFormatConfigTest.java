package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.prost.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

@DisplayName("prost run with a bad PROST_LOG_FORMAT")
class LogFormatConfigTest {

  @Test
  @DisplayName("stops before starting anything, exit 2, with a line naming the variable")
  void badFormat() {
    Logger logger = (Logger) LoggerFactory.getLogger(RunCommand.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    int status;
    try {
      status = new CommandLine(new Prost(Env.of(Map.of("PROST_LOG_FORMAT", "yaml")))).execute("run", "users");
    } finally {
      logger.detachAppender(lines);
    }
    assertThat(status).isEqualTo(2);
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("PROST_LOG_FORMAT") && line.contains("yaml"));
  }
}
