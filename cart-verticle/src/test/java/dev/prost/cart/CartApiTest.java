package dev.prost.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Cart service over HTTP")
class CartApiTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private CartFixture cart;
  private UUID user;
  private String token;

  @BeforeEach
  void start(Vertx vertx) {
    cart = new CartFixture(vertx, db).start();
    user = UUID.randomUUID();
    token = cart.token(user);
  }

  @AfterEach
  void stop() {
    cart.stop();
  }

  private UUID product(String name, long price, boolean active) {
    UUID id = UUID.randomUUID();
    cart.sql("INSERT INTO product_view (product_id, name, price_cents, currency, active, source_version) "
        + "VALUES ('" + id + "', '" + name + "', " + price + ", 'EUR', " + active + ", 1)");
    return id;
  }

  private HttpResponse<Buffer> add(UUID product, int quantity) {
    return cart.send("POST", "/api/cart/items", token,
        new JsonObject().put("product_id", product.toString()).put("quantity", quantity));
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static void problem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo(field);
  }

  @Test
  @DisplayName("an empty cart has total 0 and no currency; add, add again, change, remove and clear price from the projection")
  void editsAndPrices() {
    JsonObject empty = ok(cart.send("GET", "/api/cart", token, null));
    assertThat(empty.getString("status")).isEqualTo("ACTIVE");
    assertThat(empty.getJsonArray("items")).isEmpty();
    assertThat(empty.getLong("total_cents")).isZero();
    assertThat(empty.getValue("currency")).isNull();

    UUID teapot = product("Teapot", 2599, true);
    UUID cup = product("Cup", 450, true);
    ok(add(teapot, 1));
    JsonObject twice = ok(add(teapot, 2));
    assertThat(twice.getString("id")).isEqualTo(empty.getString("id"));
    JsonObject line = twice.getJsonArray("items").getJsonObject(0);
    assertThat(line.getInteger("quantity")).as("adding again adds to the line").isEqualTo(3);
    assertThat(line.getString("name")).isEqualTo("Teapot");
    assertThat(line.getLong("unit_price_cents")).isEqualTo(2599L);
    assertThat(line.getLong("line_total_cents")).isEqualTo(3 * 2599L);

    JsonObject both = ok(add(cup, 4));
    assertThat(both.getLong("total_cents")).isEqualTo(3 * 2599L + 4 * 450L);
    assertThat(both.getString("currency")).isEqualTo("EUR");

    JsonObject changed = ok(cart.send("PATCH", "/api/cart/items/" + cup, token, new JsonObject().put("quantity", 1)));
    assertThat(changed.getLong("total_cents")).isEqualTo(3 * 2599L + 450L);

    JsonObject removed = ok(cart.send("DELETE", "/api/cart/items/" + teapot, token, null));
    assertThat(removed.getJsonArray("items")).hasSize(1);
    assertThat(removed.getLong("total_cents")).isEqualTo(450L);
    assertThat(ok(cart.send("DELETE", "/api/cart/items/" + teapot, token, null)).getJsonArray("items"))
        .as("removing a line that is gone is not an error").hasSize(1);

    JsonObject cleared = ok(cart.send("DELETE", "/api/cart", token, null));
    assertThat(cleared.getJsonArray("items")).isEmpty();
    assertThat(cleared.getLong("total_cents")).isZero();
    assertThat(cart.scalar("SELECT count(*) FROM carts")).as("one cart throughout").isEqualTo(1);
  }

  @Test
  @DisplayName("quantity 0 or 100 is refused by the contract (400 naming quantity); more than 99 in all is 422")
  void quantityBounds() {
    UUID teapot = product("Teapot", 2599, true);
    problem(add(teapot, 0), 400, "quantity");
    problem(add(teapot, 100), 400, "quantity");
    ok(add(teapot, 50));
    problem(cart.send("PATCH", "/api/cart/items/" + teapot, token, new JsonObject().put("quantity", 100)),
        400, "quantity");
    problem(add(teapot, 50), 422, "quantity");
    ok(add(teapot, 49));
  }

  @Test
  @DisplayName("an unknown or inactive product is 422 naming product_id; changing a line the cart lacks is 404")
  void unusableProducts() {
    HttpResponse<Buffer> unknown = add(UUID.randomUUID(), 1);
    problem(unknown, 422, "product_id");
    assertThat(unknown.bodyAsJsonObject().getString("type")).endsWith("/unknown-product");
    HttpResponse<Buffer> inactive = add(product("Old", 100, false), 1);
    problem(inactive, 422, "product_id");
    assertThat(inactive.bodyAsJsonObject().getString("type")).endsWith("/inactive-product");
    assertThat(cart.send("PATCH", "/api/cart/items/" + product("Cup", 1, true), token,
        new JsonObject().put("quantity", 2)).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("without a token every call is 401; each user sees only their own cart")
  void authentication() {
    assertThat(cart.send("GET", "/api/cart", null, null).statusCode()).isEqualTo(401);
    assertThat(cart.send("DELETE", "/api/cart", null, null).statusCode()).isEqualTo(401);
    UUID teapot = product("Teapot", 2599, true);
    assertThat(cart.send("POST", "/api/cart/items", null,
        new JsonObject().put("product_id", teapot.toString()).put("quantity", 1)).statusCode()).isEqualTo(401);
    ok(add(teapot, 1));
    JsonObject other = ok(cart.send("GET", "/api/cart", cart.token(UUID.randomUUID()), null));
    assertThat(other.getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("every edit of a cart that is checking out is 409 cart-checking-out; reading still works")
  void checkingOut() {
    UUID teapot = product("Teapot", 2599, true);
    ok(add(teapot, 1));
    cart.sql("UPDATE carts SET status = 'CHECKING_OUT' WHERE user_id = '" + user + "'");
    for (HttpResponse<Buffer> response : new HttpResponse[] {
        add(teapot, 1),
        cart.send("PATCH", "/api/cart/items/" + teapot, token, new JsonObject().put("quantity", 2)),
        cart.send("DELETE", "/api/cart/items/" + teapot, token, null),
        cart.send("DELETE", "/api/cart", token, null)}) {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
      assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/cart-checking-out");
    }
    JsonObject read = ok(cart.send("GET", "/api/cart", token, null));
    assertThat(read.getString("status")).isEqualTo("CHECKING_OUT");
    assertThat(read.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(1);
  }

  @Test
  @DisplayName("concurrent adds to one cart serialise on the cart row: twenty adds of 1 make a line of 20")
  void concurrentAddsSerialise() {
    UUID teapot = product("Teapot", 2599, true);
    JsonObject body = new JsonObject().put("product_id", teapot.toString()).put("quantity", 1);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(cart.client.post("/api/cart/items").putHeader("Authorization", "Bearer " + token).sendJsonObject(body));
    }
    Await.result(Future.all(sent));
    assertThat(sent).allSatisfy(response -> assertThat(response.result().statusCode()).isEqualTo(200));
    JsonObject read = ok(cart.send("GET", "/api/cart", token, null));
    assertThat(read.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(20);
    assertThat(cart.scalar("SELECT count(*) FROM carts")).isEqualTo(1);
  }
}
