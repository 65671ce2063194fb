package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** What a virtual user does: browse the catalogue, or check out and wait for the saga's end. */
final class Flows {

  /** The group timing a checkout from its 202 to CONFIRMED or FAILED, as seen by the customer. */
  static final String SAGA_COMPLETION = "saga completion";

  private Flows() {}

  static HttpProtocolBuilder protocol() {
    // connections are pooled across virtual users: the point is the system's throughput, and
    // a TCP handshake per arriving user would measure the kernel on two shared cores
    return http.acceptHeader("application/json").contentTypeHeader("application/json")
        .shareConnections().disableCaching().disableWarmUp();
  }

  /** One request: a page of the list, a search, or a product (the cached read). */
  static ChainBuilder browse(LoadConfig config, Catalogue catalogue) {
    String products = config.catalogUrl() + "/api/products";
    return randomSwitch().on(
        percent(25.0).then(exec(http("products list").get(products)
            .queryParam("page", session -> catalogue.randomPage()).queryParam("size", "20")
            .check(status().is(200)))),
        percent(15.0).then(exec(http("products search").get(products)
            .queryParam("q", session -> Catalogue.randomWord()).queryParam("size", "20")
            .check(status().is(200)))),
        percent(60.0).then(exec(http("product").get(session -> products + "/" + catalogue.randomId())
            .check(status().is(200)))));
  }

  /**
   * Takes an idle customer, adds one to three products (unless the customer's last checkout was
   * refused at the door: its cart still holds those lines), checks out and asks for the checkout
   * until it ends: held requests ({@code ?wait=}, {@code PROST_LOAD_STATUS_WAIT} seconds, 8 by
   * default) or, with 0, polling every {@code PROST_LOAD_POLL_MILLIS}; a declined card ({@code tok_decline}, a share of {@code PROST_LOAD_DECLINE_RATIO})
   * must end FAILED, any other CONFIRMED. The customer goes back to the pool afterwards; one
   * refused with 503 (an add, the checkout, or the clear after a failed one) goes back with its
   * cart as it is, as a shopper told to try again later would leave it: a refusal is the door
   * working, not a failed request.
   */
  static ChainBuilder checkout(LoadConfig config, Catalogue catalogue, Customers customers) {
    String cart = config.cartUrl() + "/api/cart";
    String status = cart + "/checkouts/#{orderId}"
        + (config.statusWaitSeconds() > 0 ? "?wait=" + config.statusWaitSeconds() : "");
    return exec(session -> customers.take()
            .map(c -> session.set("email", c.email()).set("token", c.token()).set("cartKept", c.cartKept()))
            .orElseGet(session::markAsFailed))
        .exitHereIfFailed()
        .exec(session -> session.set("lines", catalogue.randomLines())
            .set("card", ThreadLocalRandom.current().nextDouble() < config.declineRatio() ? "tok_decline" : "tok_visa"))
        .exec(session -> session.set("addRefused", false))
        .doIf(session -> !session.getBoolean("cartKept")).then(
            foreach("#{lines}", "line").on(exec(http("cart add").post(cart + "/items")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"product_id\":\"#{line.product_id}\",\"quantity\":#{line.quantity}}"))
                .check(status().in(200, 503).saveAs("addStatus")))
                .exec(session -> "503".equals(session.getString("addStatus")) ? session.set("addRefused", true) : session)))
        .exitHereIfFailed()
        // an add refused at the door (503, Retry-After) changed nothing: the customer leaves for
        // now, with the lines that were added, and adds the rest on a later arrival
        .doIf(session -> session.getBoolean("addRefused")).then(backToPool(customers, session -> false).exitHere())
        .exec(http("checkout").post(cart + "/checkout")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"payment_token\":\"#{card}\"}"))
            .check(status().in(202, 503).saveAs("checkoutStatus"))
            .checkIf((response, session) -> response.status().code() == 202)
            .then(jsonPath("$.order_id").saveAs("orderId")))
        .exitHereIfFailed()
        // refused at the door (503, Retry-After): nothing changed, the cart is still open with
        // its lines; the customer comes back with them on a later arrival
        .doIf(session -> "503".equals(session.getString("checkoutStatus"))).then(
            backToPool(customers, session -> true).exitHere())
        .exec(session -> session.set("status", "INITIATED"))
        .group(SAGA_COMPLETION).on(
            asLongAsDuring(session -> "INITIATED".equals(session.getString("status")), config.sagaTimeout(), "polls").on(
                pause(session -> pollPause(config, session.getInt("polls"))),
                exec(http("checkout status").get(status)
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200), jsonPath("$.status").saveAs("status")))),
            // a wrong or missing outcome is one more status request that fails with what was
            // expected and what was found, so the report names it and the group counts as KO
            doIf(session -> !expectedOutcome(session).equals(session.getString("status"))).then(
                exec(http("checkout outcome").get(cart + "/checkouts/#{orderId}")
                    .header("Authorization", "Bearer #{token}")
                    .check(jsonPath("$.status").is(Flows::expectedOutcome)))))
        .exitHereIfFailed()
        // a failed checkout reopens the cart with its lines: empty it for the customer's next turn
        // (refused at the door, the lines stay and the next turn checks them out)
        .exec(session -> session.set("clearStatus", "none"))
        .doIf(session -> "FAILED".equals(session.getString("status"))).then(
            exec(http("cart clear").delete(cart).header("Authorization", "Bearer #{token}")
                .check(status().in(200, 503).saveAs("clearStatus"))))
        .exitHereIfFailed()
        .exec(backToPool(customers, session -> "503".equals(session.getString("clearStatus"))));
  }

  /** Gives the session's customer back to the pool, its cart kept for the next turn where {@code cartKept} says so. */
  private static ChainBuilder backToPool(Customers customers, Predicate<Session> cartKept) {
    return exec(session -> {
      customers.giveBack(session.getString("email"), session.getString("token"), cartKept.test(session));
      return session;
    });
  }

  /**
   * None for held requests; otherwise the poll interval for the first ten polls, then five
   * times longer: a customer's page keeps
   * asking, but a saga that is already slow is not made slower by a storm of status reads.
   */
  private static Duration pollPause(LoadConfig config, int polls) {
    if (config.statusWaitSeconds() > 0) {
      return Duration.ZERO;
    }
    return polls < 10 ? config.pollInterval() : config.pollInterval().multipliedBy(5);
  }

  private static String expectedOutcome(Session session) {
    return "tok_decline".equals(session.getString("card")) ? "FAILED" : "CONFIRMED";
  }
}
