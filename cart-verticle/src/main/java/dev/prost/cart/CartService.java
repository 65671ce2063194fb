package dev.prost.cart;

import dev.prost.cart.api.CartRoutes;
import dev.prost.cart.events.ProjectionHandlers;
import dev.prost.cart.events.SagaOutcomeHandlers;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceBuilder;
import dev.prost.platform.service.ServiceMain;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * The cart service: its schema, the consumer that keeps the product projection and opens carts
 * for new users, the consumer of checkout outcomes, the checkout gate's reads of the saga's
 * backlog, and the routes. {@link ServiceBuilder} starts and stops them in order.
 */
public final class CartService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(CartConfig.SERVICE);

  private CartService() {}

  public static Future<RunningService> start(Vertx vertx, CartConfig config) {
    ServiceBuilder service = ServiceBuilder.create(vertx, config.db(), SCHEMA);
    // one for the process: the outcome consumer answers the requests every HTTP verticle holds
    CheckoutWaits waits = new CheckoutWaits(vertx);
    Gauge.builder("prost.cart.checkout.waiters", waits, CheckoutWaits::size)
        .description("status requests held until their checkout ends (?wait=N)")
        .register(service.registry());
    // the checkouts accepted here, for the held status requests of this process
    AcceptedCheckouts accepted = new AcceptedCheckouts();
    SagaBacklog backlog = new SagaBacklog(config.backlog());
    // with admission off the gate admits everything: no figures to read
    if (config.admission().enabled()) {
      backlog.register(service.registry());
      service.sweeper(new SagaBacklogRefresh(service.pool(), config.backlog(), backlog));
    }
    return service
        .messaging(config.messaging(), CartTopology.TOPOLOGY, Map.of(
            CartTopology.CONSUMER, ProjectionHandlers.create(),
            CartTopology.CHECKOUT_CONSUMER, SagaOutcomeHandlers.create(waits, accepted)))
        .http(config.port(), config.httpInstances(), health -> CartRoutes.of(config, service.pool(),
            Outbox.create(vertx, SCHEMA, EventCodec.create()), waits, accepted, backlog, JwtVerifier.create(vertx, config.auth()),
            health, service.registry()))
        .start();
  }

  public static void main(String[] args) {
    ServiceMain.run(CartConfig.SERVICE, vertx -> start(vertx, CartConfig.from(Env.system())));
  }
}
