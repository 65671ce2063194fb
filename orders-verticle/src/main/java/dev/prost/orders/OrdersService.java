package dev.prost.orders;

import dev.prost.orders.api.OrdersRoutes;
import dev.prost.orders.events.SagaHandlers;
import dev.prost.orders.payment.PaymentGateway;
import dev.prost.orders.payment.PaymentHandlers;
import dev.prost.orders.payment.RefundSweeper;
import dev.prost.orders.payment.SimulatedGateway;
import dev.prost.orders.saga.SagaEngine;
import dev.prost.orders.saga.SagaMetrics;
import dev.prost.orders.saga.SagaTimeouts;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.SchemaInspector;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceHttpVerticle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wires the orders service: database (waited for, migrated), the saga consumer and the
 * payment consumer, the outbox relay, the timeout and refund sweepers, then the HTTP verticles.
 */
public final class OrdersService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(OrdersConfig.SERVICE);

  private OrdersService() {}

  /** Starts the service with the simulated payment gateway. */
  public static Future<RunningService> start(Vertx vertx, OrdersConfig config) {
    return start(vertx, config, new SimulatedGateway(vertx, config.payment()));
  }

  public static Future<RunningService> start(Vertx vertx, OrdersConfig config, PaymentGateway gateway) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Pool pool = ServicePool.create(vertx, config.db(), SCHEMA);
    Outbox outbox = Outbox.create(vertx, SCHEMA, EventCodec.create());
    SagaMetrics sagaMetrics = new SagaMetrics(registry);
    SagaEngine engine = new SagaEngine(config.saga(), outbox);
    List<String> sweepers = new ArrayList<>();
    return DatabaseReadiness.awaitAndMigrate(vertx, pool, config.db(), SCHEMA)
        .compose(v -> ServiceMessaging.start(vertx, pool, SCHEMA, config.messaging(),
            OrdersTopology.TOPOLOGY, Map.of(
                OrdersTopology.CONSUMER, SagaHandlers.create(engine, sagaMetrics),
                OrdersTopology.PAYMENT_CONSUMER, PaymentHandlers.create(pool, gateway, config.payment(), outbox)),
            new MessagingMetrics(registry, OrdersConfig.SERVICE)))
        .compose(messaging -> vertx.deployVerticle(new SagaTimeouts(pool, config.saga(), engine, sagaMetrics))
            .compose(id -> {
              sweepers.add(id);
              return vertx.deployVerticle(new RefundSweeper(pool, gateway, config.payment()));
            })
            .compose(id -> {
              sweepers.add(id);
              HealthChecks health = HealthChecks.builder()
                  .add("database", () -> new SchemaInspector(pool, SCHEMA).health(Duration.ofSeconds(2)))
                  .add("broker", messaging::health)
                  .build();
              var routes = OrdersRoutes.of(config, pool, JwtVerifier.create(vertx, config.auth()), health, registry);
              return ServiceHttpVerticle.deploy(vertx, routes, config.port(), config.httpInstances());
            })
            // consumers and sweepers stop (in-flight work finishes) before the pool closes
            .map(deployment -> (RunningService) () -> vertx.undeploy(deployment)
                .eventually(() -> undeployAll(vertx, sweepers))
                .eventually(messaging::stop)
                .eventually(pool::close)))
        .onFailure(e -> pool.close());
  }

  private static Future<Void> undeployAll(Vertx vertx, List<String> deployments) {
    Future<Void> chain = Future.succeededFuture();
    for (String id : deployments) {
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain;
  }

  public static void main(String[] args) {
    ServiceMain.run(OrdersConfig.SERVICE, vertx -> start(vertx, OrdersConfig.from(Env.system())));
  }
}
