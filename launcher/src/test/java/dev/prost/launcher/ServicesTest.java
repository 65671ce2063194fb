package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The launcher's service names")
class ServicesTest {

  @Test
  @DisplayName("run and the schema commands take all (or nothing) for the four services; any subset keeps their order")
  void names() {
    assertThat(Services.expand(List.of())).containsExactly("users", "catalog", "cart", "orders");
    assertThat(Services.expand(List.of("all"))).containsExactly("users", "catalog", "cart", "orders");
    assertThat(Services.expand(List.of("orders", "users"))).containsExactly("users", "orders");
  }

  @Test
  @DisplayName("a name that is no service, the retired proxy's among them, is refused naming the known ones")
  void unknown() {
    assertThatThrownBy(() -> Services.expand(List.of("gateway")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown service 'gateway'")
        .hasMessageContaining("known: all, users, catalog, cart, orders");
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
