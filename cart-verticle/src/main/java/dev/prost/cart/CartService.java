package dev.prost.cart;

import dev.prost.platform.http.ServiceHttpVerticle;
import dev.prost.cart.api.CartRoutes;
import dev.prost.cart.events.ProjectionHandlers;
import dev.prost.cart.events.SagaOutcomeHandlers;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.SchemaInspector;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceMain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;

/**
 * Wires the cart service: database (waited for, migrated), the consumer that keeps the
 * product projection and opens carts for new users, the consumer of checkout outcomes, the
 * outbox relay, then the HTTP verticles.
 */
public final class CartService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(CartConfig.SERVICE);

  private CartService() {}

  public static Future<RunningService> start(Vertx vertx, CartConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Pool pool = ServicePool.create(vertx, config.db(), SCHEMA);
    return DatabaseReadiness.awaitAndMigrate(vertx, pool, config.db(), SCHEMA)
        .compose(v -> ServiceMessaging.start(vertx, pool, SCHEMA, config.messaging(),
            CartTopology.TOPOLOGY, Map.of(CartTopology.CONSUMER, ProjectionHandlers.create(),
                CartTopology.CHECKOUT_CONSUMER, SagaOutcomeHandlers.create(vertx)),
            new MessagingMetrics(registry, CartConfig.SERVICE)))
        .compose(messaging -> {
          HealthChecks health = HealthChecks.builder()
              .add("database", () -> new SchemaInspector(pool, SCHEMA).health(Duration.ofSeconds(2)))
              .add("broker", messaging::health)
              .build();
          var routes = CartRoutes.of(vertx, config, pool, Outbox.create(vertx, SCHEMA, EventCodec.create()),
              JwtVerifier.create(vertx, config.auth()), health, registry);
          return ServiceHttpVerticle.deploy(vertx, routes, config.port(), config.httpInstances())
              // consumers stop (in-flight events finish) before the pool closes
              .map(deployment -> (RunningService) () -> vertx.undeploy(deployment)
                  .eventually(messaging::stop)
                  .eventually(pool::close));
        })
        .onFailure(e -> pool.close());
  }

  public static void main(String[] args) {
    ServiceMain.run(CartConfig.SERVICE, vertx -> start(vertx, CartConfig.from(Env.system())));
  }
}
