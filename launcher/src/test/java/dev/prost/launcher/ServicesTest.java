package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The launcher's service names")
class ServicesTest {

  @Test
  @DisplayName("run all starts the four services, then the gateway; any subset keeps that order")
  void runnable() {
    assertThat(Services.expandRunnable(List.of())).containsExactly("users", "catalog", "cart", "orders", "gateway");
    assertThat(Services.expandRunnable(List.of("all"))).endsWith("gateway");
    assertThat(Services.expandRunnable(List.of("gateway", "users"))).containsExactly("users", "gateway");
  }

  @Test
  @DisplayName("schema commands know only the services that own a schema")
  void schemas() {
    assertThat(Services.expand(List.of("all"))).containsExactly("users", "catalog", "cart", "orders");
    assertThatThrownBy(() -> Services.expand(List.of("gateway")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown service 'gateway'");
  }

  @Test
  @DisplayName("the registry's schema and topology of each service are that service's own")
  void registry() {
    for (Services.Service service : Services.ALL) {
      assertThat(service.schema().service()).isEqualTo(service.name());
      assertThat(service.topology().service()).isEqualTo(service.name());
    }
    assertThat(Services.ALL).extracting(Services.Service::port).doesNotHaveDuplicates();
    assertThat(ProstTopology.ALL).hasSize(Services.ALL.size());
  }
}
