package dev.prost.launcher.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Gateway configuration")
class GatewayConfigTest {

  @Test
  @DisplayName("defaults: port 8080, 10 s timeout, each service on 127.0.0.1 at its own port")
  void defaults() {
    GatewayConfig config = GatewayConfig.from(Env.of(Map.of()));
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(config.upstreams()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "users", URI.create("http://127.0.0.1:8081"), "catalog", URI.create("http://127.0.0.1:8082"),
        "cart", URI.create("http://127.0.0.1:8083"), "orders", URI.create("http://127.0.0.1:8084")));
  }

  @Test
  @DisplayName("a service's default URL follows its port; an explicit URL wins")
  void derivedAndExplicit() {
    GatewayConfig config = GatewayConfig.from(Env.of(Map.of("PROST_CART_PORT", "9083",
        "PROST_ORDERS_URL", "http://orders:8084", "PROST_GATEWAY_TIMEOUT", "250ms")));
    assertThat(config.upstream("cart")).isEqualTo(URI.create("http://127.0.0.1:9083"));
    assertThat(config.upstream("orders")).isEqualTo(URI.create("http://orders:8084"));
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  @DisplayName("bad values fail at start naming the variable")
  void badValues() {
    assertNamed(Map.of("PROST_USERS_URL", "users:8081"), "PROST_USERS_URL");
    assertNamed(Map.of("PROST_CATALOG_URL", "ftp://catalog"), "PROST_CATALOG_URL");
    assertNamed(Map.of("PROST_CART_URL", "http://cart:8083/api"), "PROST_CART_URL");
    assertNamed(Map.of("PROST_GATEWAY_TIMEOUT", "soon"), "PROST_GATEWAY_TIMEOUT");
    assertNamed(Map.of("PROST_GATEWAY_PORT", "80800"), "PROST_GATEWAY_PORT");
    assertNamed(Map.of("PROST_GATEWAY_MAX_CONNECTIONS", "0"), "PROST_GATEWAY_MAX_CONNECTIONS");
    assertNamed(Map.of("PROST_HTTP_MAX_BODY_BYTES", "lots"), "PROST_HTTP_MAX_BODY_BYTES");
  }

  private static void assertNamed(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> GatewayConfig.from(Env.of(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(variable + ":");
  }
}
