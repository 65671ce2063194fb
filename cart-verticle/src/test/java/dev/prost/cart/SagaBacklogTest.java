package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.cart.domain.Backlog;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The checkout gate's figure: refuses by the last backlog read, admits when it has none")
class SagaBacklogTest {

  private final CheckoutBacklogSettings settings = CheckoutBacklogSettings.from(Env.of(Map.of(
      "PROST_CHECKOUT_BACKLOG_FLOOR", "10", "PROST_CHECKOUT_MAX_BACKLOG", "2s", "PROST_CHECKOUT_BACKLOG_WINDOW", "5s")));
  private final AtomicLong now = new AtomicLong();
  private final SagaBacklog gate = new SagaBacklog(settings, now::get);
  private final Backlog behind = new Backlog(100, 10, 5);

  @Test
  @DisplayName("nothing read yet: admitted (a cold start never refuses)")
  void nothingRead() {
    assertThat(gate.current()).isNull();
    assertThat(gate.admits()).isTrue();
  }

  @Test
  @DisplayName("a backlog past the bound refuses, one within it admits")
  void byTheFigure() {
    gate.read(behind);
    assertThat(gate.admits()).isFalse();
    gate.read(new Backlog(100, 250, 5));
    assertThat(gate.admits()).isTrue();
  }

  @Test
  @DisplayName("a figure older than the window, or a failed read, admits: the gate fails open")
  void failsOpen() {
    gate.read(behind);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(gate.admits()).isFalse();
    now.addAndGet(1);
    assertThat(gate.admits()).isTrue();

    gate.read(behind);
    gate.unreadable(new IllegalStateException("connection refused"));
    assertThat(gate.admits()).isTrue();
    gate.unreadable(new IllegalStateException("connection refused"));
    gate.read(behind);
    assertThat(gate.admits()).isFalse();
  }

  @Test
  @DisplayName("defaults: 1 s past a floor of 100, read every 250 ms over 5 s; a bad setting fails the start naming it")
  void settings() {
    assertThat(CheckoutBacklogSettings.defaults()).isEqualTo(new CheckoutBacklogSettings(Duration.ofSeconds(1), 100,
        Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(10)));
    assertThat(CheckoutBacklogSettings.defaults().maxSeconds()).isEqualTo(1.0);
    assertInvalid(Map.of("PROST_CHECKOUT_MAX_BACKLOG", "soon"), "PROST_CHECKOUT_MAX_BACKLOG");
    assertInvalid(Map.of("PROST_CHECKOUT_MAX_BACKLOG", "0s"), "PROST_CHECKOUT_MAX_BACKLOG");
    assertInvalid(Map.of("PROST_CHECKOUT_BACKLOG_FLOOR", "-1"), "PROST_CHECKOUT_BACKLOG_FLOOR");
    assertInvalid(Map.of("PROST_CHECKOUT_BACKLOG_REFRESH", "10s"), "PROST_CHECKOUT_BACKLOG_REFRESH");
    assertInvalid(Map.of("PROST_CHECKOUT_BACKLOG_HORIZON", "5s"), "PROST_CHECKOUT_BACKLOG_HORIZON");
    assertInvalid(Map.of("PROST_CHECKOUT_BACKLOG_WINDOW", "many"), "PROST_CHECKOUT_BACKLOG_WINDOW");
  }

  private static void assertInvalid(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> CartConfig.from(Env.of(env)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(variable));
  }
}
