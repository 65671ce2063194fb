package dev.prost.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.db.DatabaseConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration from the environment")
class EnvTest {

  @Test
  @DisplayName("with no variables set, the defaults point at a local developer machine")
  void defaults() {
    DatabaseConfig db = DatabaseConfig.from(Env.of(Map.of()), "catalog");
    assertThat(db.host()).isEqualTo("127.0.0.1");
    assertThat(db.port()).isEqualTo(5432);
    assertThat(db.database()).isEqualTo("prost");
    assertThat(db.poolMaxSize()).isEqualTo(10);
    assertThat(db.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(db.maxLifetime()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  @DisplayName("a per-service pool size overrides the shared one")
  void perServicePoolSize() {
    Env env = Env.of(Map.of("PROST_DB_POOL_MAX_SIZE", "4", "PROST_ORDERS_DB_POOL_MAX_SIZE", "12"));
    assertThat(DatabaseConfig.from(env, "orders").poolMaxSize()).isEqualTo(12);
    assertThat(DatabaseConfig.from(env, "cart").poolMaxSize()).isEqualTo(4);
  }

  @Test
  @DisplayName("an unparseable URL fails naming the variable")
  void badUrl() {
    assertThatThrownBy(() -> DatabaseConfig.from(Env.of(Map.of("PROST_DB_URL", "postgresql://bad host/x")), "users"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PROST_DB_URL:")
        .extracting(e -> ((ConfigException) e).variable()).isEqualTo("PROST_DB_URL");
    assertThatThrownBy(() -> DatabaseConfig.from(Env.of(Map.of("PROST_DB_URL", "mysql://h/prost")), "users"))
        .hasMessageStartingWith("PROST_DB_URL:");
    assertThatThrownBy(() -> DatabaseConfig.from(Env.of(Map.of("PROST_DB_URL", "postgresql://h:5432")), "users"))
        .hasMessageContaining("PROST_DB_URL").hasMessageContaining("names no database");
  }

  @Test
  @DisplayName("pool size 0 fails naming the variable")
  void zeroPool() {
    assertThatThrownBy(() -> DatabaseConfig.from(Env.of(Map.of("PROST_DB_POOL_MAX_SIZE", "0")), "users"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PROST_DB_POOL_MAX_SIZE: 0 is out of range [1, 1000]");
  }

  @Test
  @DisplayName("a negative or non-numeric port fails naming the variable")
  void badPort() {
    Env negative = Env.of(Map.of("PROST_CART_PORT", "-1"));
    assertThatThrownBy(() -> negative.port("PROST_CART_PORT", 8083)).hasMessageStartingWith("PROST_CART_PORT:");
    Env words = Env.of(Map.of("PROST_CART_PORT", "eighty"));
    assertThatThrownBy(() -> words.port("PROST_CART_PORT", 8083)).hasMessage("PROST_CART_PORT: 'eighty' is not an integer");
    assertThat(Env.of(Map.of("PROST_CART_PORT", "9000")).port("PROST_CART_PORT", 8083)).isEqualTo(9000);
  }

  @Test
  @DisplayName("durations take ms, s, m and h; zero and garbage fail naming the variable")
  void durations() {
    Env env = Env.of(Map.of("A", "250ms", "B", "30s", "C", "10m", "D", "2h", "E", "45", "F", "0s", "G", "soon"));
    assertThat(env.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(env.duration("B", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    assertThat(env.duration("C", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
    assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofHours(2));
    assertThat(env.duration("E", Duration.ZERO)).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> env.duration("F", Duration.ZERO)).hasMessageStartingWith("F:");
    assertThatThrownBy(() -> env.duration("G", Duration.ZERO)).hasMessageStartingWith("G:");
  }

  @Test
  @DisplayName("a duration that 0 turns off takes 0, and still refuses garbage naming the variable")
  void durationsOrZero() {
    Env env = Env.of(Map.of("F", "0s", "A", "20ms", "G", "soon"));
    assertThat(env.durationOrZero("F", Duration.ofSeconds(1))).isZero();
    assertThat(env.durationOrZero("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(20));
    assertThat(env.durationOrZero("UNSET", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> env.durationOrZero("G", Duration.ZERO)).hasMessageStartingWith("G:");
  }

  @Test
  @DisplayName("booleans, fractions and names are validated too")
  void otherTypes() {
    Env env = Env.of(Map.of("B", "maybe", "F", "1.5", "N", "Bad Name!", "OK", "prost-test_1"));
    assertThatThrownBy(() -> env.bool("B", false)).hasMessageStartingWith("B:");
    assertThatThrownBy(() -> env.fraction("F", 0)).hasMessageStartingWith("F:");
    assertThatThrownBy(() -> env.identifier("N", "prost")).hasMessageStartingWith("N:");
    assertThat(env.identifier("OK", "prost")).isEqualTo("prost-test_1");
  }

  @Test
  @DisplayName("the config's text form never shows the password")
  void noPasswordInToString() {
    DatabaseConfig db = DatabaseConfig.from(Env.of(Map.of("PROST_USERS_DB_PASSWORD", "s3cret")), "users");
    assertThat(db.password()).isEqualTo("s3cret");
    assertThat(db.toString()).doesNotContain("s3cret");
  }
}
