package dev.prost.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;

/** What a customer who changes their mind does: check out, and cancel the confirmed order. */
final class Cancellations {

  /** The group timing a cancellation from its request to CANCELLED (refunded, units back), as the customer sees it. */
  static final String CANCELLATION = "cancellation";

  private Cancellations() {}

  /**
   * A checkout ({@link Flows#checkout}); a confirmed one is cancelled at once (202) and the order
   * asked for every {@code PROST_LOAD_POLL_MILLIS} until it is CANCELLED.
   */
  static ChainBuilder checkoutThenCancel(LoadConfig config, Catalogue catalogue, Customers customers) {
    String orders = LoadConfig.param("PROST_ORDERS_URL", config.cartUrl()) + "/api/orders/#{orderId}";
    return exec(Flows.checkout(config, catalogue, customers))
        .doIf(session -> "CONFIRMED".equals(session.getString("status"))).then(
            group(CANCELLATION).on(
                exec(http("cancel").post(orders + "/cancel").header("Authorization", "Bearer #{token}")
                    .check(status().is(202), jsonPath("$.status").saveAs("orderStatus"))),
                asLongAsDuring(session -> !"CANCELLED".equals(session.getString("orderStatus")), config.sagaTimeout())
                    .on(pause(config.pollInterval()),
                        exec(http("order status").get(orders).header("Authorization", "Bearer #{token}")
                            .check(status().is(200), jsonPath("$.status").saveAs("orderStatus")))),
                doIf(session -> !"CANCELLED".equals(session.getString("orderStatus"))).then(
                    exec(http("cancellation outcome").get(orders).header("Authorization", "Bearer #{token}")
                        .check(jsonPath("$.status").is("CANCELLED"))))));
  }
}
