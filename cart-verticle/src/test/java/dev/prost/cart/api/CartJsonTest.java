package dev.prost.cart.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.cart.domain.Cart;
import dev.prost.cart.domain.CartLine;
import dev.prost.cart.domain.CartStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cart's JSON answer, written with a generator")
class CartJsonTest {

  @Test
  @DisplayName("a cart of several lines is byte for byte what the JsonObject tree encoded")
  void severalLines() {
    Cart cart = new Cart(UUID.randomUUID(), CartStatus.ACTIVE, List.of(
        new CartLine(UUID.randomUUID(), "Mug", 2, 1_250, "EUR"),
        new CartLine(UUID.randomUUID(), "Tea, green", 99, 0, "EUR"),
        new CartLine(UUID.randomUUID(), "Kettle", 1, Long.MAX_VALUE / 200, "EUR")));

    assertSameBytes(cart);
  }

  @Test
  @DisplayName("an empty cart has an empty items array, total 0 and a null currency written out")
  void empty() {
    Cart cart = new Cart(UUID.randomUUID(), CartStatus.CHECKING_OUT, List.of());

    assertSameBytes(cart);
    assertThat(CartJson.of(cart).toString(StandardCharsets.UTF_8)).endsWith("\"items\":[],\"total_cents\":0,\"currency\":null}");
  }

  @Test
  @DisplayName("quotes, backslashes, control characters, slashes and non-ASCII text in names are escaped as the tree escaped them")
  void specialCharacters() {
    Cart cart = new Cart(UUID.randomUUID(), CartStatus.ACTIVE, List.of(
        new CartLine(UUID.randomUUID(), "\"Quoted\" \\ back\\slash </script>", 1, 100, "USD"),
        new CartLine(UUID.randomUUID(), "tab\tnew\nline\r\u0000\u001f\u007f", 3, 5, "USD"),
        new CartLine(UUID.randomUUID(), "Café Größe 日本 😀 \u2028\u2029", 4, 7, "USD")));

    assertSameBytes(cart);
    assertThat(new JsonObject(CartJson.of(cart)).getJsonArray("items").getJsonObject(2).getString("name"))
        .isEqualTo("Café Größe 日本 😀 \u2028\u2029");
  }

  private static void assertSameBytes(Cart cart) {
    assertThat(CartJson.of(cart).getBytes()).isEqualTo(tree(cart).encode().getBytes(StandardCharsets.UTF_8));
  }

  // the answer as it was built before: the reference the generator must match
  private static JsonObject tree(Cart cart) {
    JsonArray items = new JsonArray();
    cart.lines().forEach(line -> items.add(new JsonObject()
        .put("product_id", line.productId().toString())
        .put("name", line.name())
        .put("quantity", line.quantity())
        .put("unit_price_cents", line.unitPriceCents())
        .put("line_total_cents", line.totalCents())));
    return new JsonObject()
        .put("id", cart.id().toString())
        .put("status", cart.status().name())
        .put("items", items)
        .put("total_cents", cart.totalCents())
        .put("currency", cart.currency());
  }
}
