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
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceBuilder;
import dev.prost.platform.service.ServiceMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * The orders service: its schema, the saga consumer and the payment consumer, the saga
 * deadline and refund sweepers, and the routes. {@link ServiceBuilder} starts and stops them
 * in order.
 */
public final class OrdersService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(OrdersConfig.SERVICE);

  private OrdersService() {}

  /** Starts the service with the simulated payment gateway. */
  public static Future<RunningService> start(Vertx vertx, OrdersConfig config) {
    return start(vertx, config, new SimulatedGateway(vertx, config.payment()));
  }

  public static Future<RunningService> start(Vertx vertx, OrdersConfig config, PaymentGateway gateway) {
    ServiceBuilder service = ServiceBuilder.create(vertx, config.db(), SCHEMA);
    Pool pool = service.pool();
    Outbox outbox = Outbox.create(vertx, SCHEMA, EventCodec.create());
    SagaMetrics sagaMetrics = new SagaMetrics(service.registry());
    SagaEngine engine = new SagaEngine(config.saga(), outbox);
    return service
        .messaging(config.messaging(), OrdersTopology.TOPOLOGY, Map.of(
            OrdersTopology.CONSUMER, SagaHandlers.create(engine, sagaMetrics),
            OrdersTopology.PAYMENT_CONSUMER, PaymentHandlers.create(vertx, pool, gateway,
                config.payment(), outbox)))
        .sweeper(new SagaTimeouts(pool, config.saga(), engine, sagaMetrics))
        .sweeper(new RefundSweeper(pool, gateway, config.payment()))
        .http(config.port(), config.httpInstances(), health -> OrdersRoutes.of(config, pool,
            JwtVerifier.create(vertx, config.auth()), health, service.registry(), engine, sagaMetrics))
        .start();
  }

  public static void main(String[] args) {
    ServiceMain.run(OrdersConfig.SERVICE, vertx -> start(vertx, OrdersConfig.from(Env.system())));
  }
}
