package dev.prost.launcher.security;

import io.vertx.core.json.Json;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A valid request for every contract operation, to be made hostile one part at a time: the
 * rest of the request stays valid, so the hostile part is what the service has to deal with.
 * Each call answers a fresh request (new e-mail, SKU, customer), so cases never collide.
 */
final class Baselines {

  /**
   * What the requests refer to.
   *
   * @param victim a product the hostile updates may change
   * @param bystander a product nothing may change
   * @param cartProduct the product customers' carts hold
   * @param user a registered user, whose profile {@code me} reads
   */
  record World(UUID category, UUID victim, UUID bystander, UUID cartProduct, UUID user) {

    /** Ids nobody created: for requests that never get past authentication. */
    static World random() {
      return new World(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }
  }

  private final SecurityFixture prost;
  private final World world;

  Baselines(SecurityFixture prost, World world) {
    this.prost = prost;
    this.world = world;
  }

  /**
   * A valid request of {@code op} with the right token; fails for an operation it does not
   * know, so a new operation in a contract cannot go untested.
   */
  Call of(ContractOperation op) {
    Call call = new Call(op);
    String customer = prost.customerToken();
    String admin = prost.adminToken();
    return switch (op.id()) {
      case "register" -> call.member("email", text(Api.email("hostile"))).member("password", text("correct horse battery"))
          .member("name", text("Hostile"));
      // each attempt for another e-mail and from another address, so that no throttle hides what follows
      case "login" -> call.member("email", text(Api.email("nobody"))).member("password", text("not the password"))
          .header("X-Forwarded-For", randomAddress());
      case "me" -> call.token(prost.tokenFor(world.user(), Set.of("customer")));
      case "jwks", "listCategories", "listProducts" -> call;
      case "createCategory" -> call.token(admin).member("name", text("Category " + UUID.randomUUID()));
      case "getProduct" -> call.path("id", world.bystander().toString());
      case "createProduct" -> call.token(admin).member("sku", text("H-" + UUID.randomUUID()))
          .member("name", text("Hostile product")).member("description", text("made by the hostile input tests"))
          .member("price_cents", "999").member("currency", text("EUR"))
          .member("category_id", text(world.category().toString()))
          .member("supplier_id", text(UUID.randomUUID().toString())).member("stock_on_hand", "10");
      case "updateProduct" -> call.token(admin).path("id", world.victim().toString()).member("name", text("Victim"))
          .member("description", text("changed")).member("price_cents", "1500").member("currency", text("EUR"))
          .member("category_id", text(world.category().toString())).member("active", "true");
      case "deleteProduct" -> call.token(admin).path("id", world.victim().toString());
      case "setStock" -> call.token(admin).path("id", world.victim().toString()).member("stock_on_hand", "50");
      case "getCart", "clearCart" -> call.token(customer);
      case "addItem" -> call.token(customer).member("product_id", text(world.cartProduct().toString()))
          .member("quantity", "1");
      case "changeItem" -> call.token(customer).path("product_id", world.cartProduct().toString())
          .member("quantity", "2");
      case "removeItem" -> call.token(customer).path("product_id", world.cartProduct().toString());
      case "checkout" -> call.token(customer).header("Idempotency-Key", UUID.randomUUID().toString())
          .member("payment_token", text("tok_visa"));
      case "getCheckout" -> call.token(customer).path("order_id", UUID.randomUUID().toString());
      case "listOrders" -> call.token(customer);
      case "getOrder" -> call.token(customer).path("order_id", UUID.randomUUID().toString());
      case "listSagas" -> call.token(admin);
      case "cancelOrder" -> call.token(customer).path("order_id", UUID.randomUUID().toString());
      case "shipOrder" -> call.token(admin).path("order_id", UUID.randomUUID().toString())
          .member("carrier", text("DHL")).member("tracking_number", text("JD0146"));
      case "deliverOrder" -> call.token(admin).path("order_id", UUID.randomUUID().toString());
      case "refundOrder" -> call.token(admin).path("order_id", UUID.randomUUID().toString()).member("restock", "true");
      default -> throw new IllegalStateException("no baseline request for " + op + ": add one to "
          + Baselines.class.getSimpleName());
    };
  }

  static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }

  private static String text(String value) {
    return Json.encode(value);
  }
}
