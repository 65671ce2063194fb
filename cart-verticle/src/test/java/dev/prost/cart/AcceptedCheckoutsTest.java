package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.cart.store.Sagas;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Checkouts accepted here: their owner's committed view, bounded in size and age")
class AcceptedCheckoutsTest {

  private final UUID orderId = UUID.randomUUID();
  private final UUID owner = UUID.randomUUID();

  @Test
  @DisplayName("the owner finds the INITIATED view, then the outcome's once handed over; another user finds nothing")
  void ownersViewOnly() {
    AcceptedCheckouts accepted = new AcceptedCheckouts();
    accepted.accepted(orderId, owner, Sagas.viewOf(orderId, "INITIATED", null));

    assertThat(accepted.view(orderId, owner)).contains(Sagas.viewOf(orderId, "INITIATED", null));
    accepted.ended(orderId, Sagas.viewOf(orderId, "FAILED", "payment declined"));

    assertThat(accepted.view(orderId, owner).orElseThrow().encode())
        .isEqualTo(Sagas.viewOf(orderId, "FAILED", "payment declined").encode());
    assertThat(accepted.view(orderId, UUID.randomUUID())).isEmpty();
    assertThat(accepted.view(UUID.randomUUID(), owner)).isEmpty();
  }

  @Test
  @DisplayName("an outcome for a checkout accepted elsewhere adds nothing")
  void outcomeOfAnotherInstancesCheckout() {
    AcceptedCheckouts accepted = new AcceptedCheckouts();

    accepted.ended(orderId, Sagas.viewOf(orderId, "CONFIRMED", null));

    assertThat(accepted.view(orderId, owner)).isEmpty();
    assertThat(accepted.size()).isZero();
  }

  @Test
  @DisplayName("a view handed out is a copy: changing it changes nothing held")
  void copies() {
    AcceptedCheckouts accepted = new AcceptedCheckouts();
    accepted.accepted(orderId, owner, Sagas.viewOf(orderId, "INITIATED", null));

    accepted.view(orderId, owner).orElseThrow().put("status", "CONFIRMED");

    assertThat(accepted.view(orderId, owner).orElseThrow().getString("status")).isEqualTo("INITIATED");
  }

  @Test
  @DisplayName("past its bound the table drops checkouts: it never holds more than the bound")
  void bounded() {
    AcceptedCheckouts accepted = new AcceptedCheckouts(100, Duration.ofHours(1));

    for (int i = 0; i < 1_000; i++) {
      UUID id = UUID.randomUUID();
      accepted.accepted(id, owner, Sagas.viewOf(id, "INITIATED", null));
    }

    assertThat(accepted.size()).isLessThanOrEqualTo(100);
  }

  @Test
  @DisplayName("a checkout leaves the table once its time is up")
  void expires() {
    AcceptedCheckouts accepted = new AcceptedCheckouts(100, Duration.ofMillis(200));
    accepted.accepted(orderId, owner, Sagas.viewOf(orderId, "INITIATED", null));

    await().atMost(Duration.ofSeconds(30)).until(() -> accepted.view(orderId, owner).isEmpty());
    assertThat(accepted.size()).isZero();
  }
}
