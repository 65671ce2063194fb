package dev.prost.platform.service;

import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.SchemaInspector;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceHttpVerticle;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.messaging.EventHandlers;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.metrics.ProcessMetrics;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.tracing.Tracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a service has, declared once, and the one order every service starts in: pool →
 * migrations → messaging (topology, relay, consumers) → sweepers → HTTP. Its {@link
 * RunningService} stops in exactly the reverse order: HTTP, then the sweepers (a sweep in
 * progress finishes), then messaging (in-flight handlers finish and ack), then the pool, then
 * the {@link #closing other resources}. A start that fails part-way stops what it had started.
 * <pre>{@code
 * ServiceBuilder service = ServiceBuilder.create(vertx, config.db(), SCHEMA);
 * return service
 *     .messaging(config.messaging(), TOPOLOGY, Map.of(CONSUMER, handlers))
 *     .sweeper(new ReservationSweeper(service.pool(), ...))
 *     .http(config.port(), config.httpInstances(), health -> Routes.of(..., health, service.registry()))
 *     .start();
 * }</pre>
 * A builder starts once.
 */
public final class ServiceBuilder {

  private static final Duration DATABASE_CHECK = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final DatabaseConfig db;
  private final ServiceSchema schema;
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final List<Deployable> sweepers = new ArrayList<>();
  private final List<Runnable> resources = new ArrayList<>();
  private final List<Supplier<Future<?>>> beforeHttp = new ArrayList<>();
  private Messaging messaging;
  private RedisConnections redis;
  private Http http;

  private record Messaging(MessagingConfig config, Topology topology, Map<String, EventHandlers> handlers) {}

  private record Http(int port, int instances, Function<HealthChecks, ServiceRouter.Options> routes) {}

  private ServiceBuilder(Vertx vertx, DatabaseConfig db, ServiceSchema schema) {
    this.vertx = vertx;
    this.db = db;
    this.schema = schema;
    this.pool = ServicePool.create(vertx, db, schema);
    this.registry = ProcessMetrics.registryOf(vertx).orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** A service of {@code schema}; its pool is created now (it connects on first use) and closed by the stop. */
  public static ServiceBuilder create(Vertx vertx, DatabaseConfig db, ServiceSchema schema) {
    return new ServiceBuilder(vertx, db, schema);
  }

  /** The service's pool, for the parts declared next (stores, handlers, sweepers, routes). */
  public Pool pool() {
    return pool;
  }

  /** The service's metrics, served at {@code /metrics}: the process's registry when its Vert.x has one ({@link ProcessMetrics}). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The topology, the relay of the schema's outbox and one consumer per subscription ({@code handlers} by consumer name). */
  public ServiceBuilder messaging(MessagingConfig config, Topology topology, Map<String, EventHandlers> handlers) {
    this.messaging = new Messaging(config, topology, Map.copyOf(handlers));
    return this;
  }

  /** A periodic verticle, deployed after the consumers and undeployed (its sweep finishing) before them. */
  public ServiceBuilder sweeper(Deployable sweeper) {
    sweepers.add(sweeper);
    return this;
  }

  /** Redis: checked by {@code /health/ready}, closed after the pool. */
  public ServiceBuilder redis(RedisConnections redis) {
    this.redis = redis;
    return closing(redis::close);
  }

  /** Something to close once the pool is closed; resources close newest first. */
  public ServiceBuilder closing(Runnable resource) {
    resources.add(resource);
    return this;
  }

  /** Work that must be done before the service answers (an admin account created, say). */
  public ServiceBuilder beforeHttp(Supplier<Future<?>> step) {
    beforeHttp.add(step);
    return this;
  }

  /** The HTTP servers: {@code instances} of the routes on {@code port}, given the service's health checks. */
  public ServiceBuilder http(int port, int instances, Function<HealthChecks, ServiceRouter.Options> routes) {
    this.http = new Http(port, instances, routes);
    ProcessMetrics.nameServer(vertx, port, schema.service());
    return this;
  }

  /** Starts every declared part in order; answers the service, or fails having stopped what started. */
  public Future<RunningService> start() {
    Objects.requireNonNull(http, "http(...) not declared");
    Teardown teardown = new Teardown();
    resources.forEach(teardown::pushClose);
    teardown.push(pool::close);
    return DatabaseReadiness.awaitAndMigrate(vertx, pool, db, schema)
        .compose(version -> startMessaging(teardown))
        .compose(started -> deploySweepers(teardown).map(v -> health(started)))
        .compose(health -> runBeforeHttp().map(v -> http.routes().apply(health)))
        .compose(routes -> ServiceHttpVerticle.deploy(vertx, routes, http.port(), http.instances())
            .<RunningService>map(deployment -> {
              teardown.push(() -> vertx.undeploy(deployment));
              return new Started(teardown, routes);
            }))
        .recover(e -> teardown.run().transform(ignored -> Future.failedFuture(e)));
  }

  /** A started service: its stop is the teardown, newest first; its routes are what it serves. */
  private record Started(Teardown teardown, ServiceRouter.Options options) implements RunningService {
    @Override
    public Future<Void> stop() {
      return teardown.run();
    }

    @Override
    public Optional<ServiceRouter.Options> routes() {
      return Optional.of(options);
    }
  }

  private Future<ServiceMessaging> startMessaging(Teardown teardown) {
    if (messaging == null) {
      return Future.succeededFuture();
    }
    return ServiceMessaging.start(vertx, pool, schema, messaging.config(), messaging.topology(),
            messaging.handlers(), new MessagingMetrics(registry, schema.service()))
        .onSuccess(started -> teardown.push(started::stop));
  }

  private Future<Void> deploySweepers(Teardown teardown) {
    Future<Void> chain = Future.succeededFuture();
    for (Deployable sweeper : sweepers) {
      chain = chain.compose(v -> vertx.deployVerticle(sweeper, Tracing.deployment(schema.service())))
          .<Void>map(deployment -> {
            teardown.push(() -> vertx.undeploy(deployment));
            return null;
          });
    }
    return chain;
  }

  private Future<Void> runBeforeHttp() {
    Future<Void> chain = Future.succeededFuture();
    for (Supplier<Future<?>> step : beforeHttp) {
      chain = chain.compose(v -> step.get().mapEmpty());
    }
    return chain;
  }

  private HealthChecks health(ServiceMessaging started) {
    HealthChecks.Builder checks = HealthChecks.builder()
        .add("database", () -> new SchemaInspector(pool, schema).health(DATABASE_CHECK));
    if (started != null) {
      checks.add("broker", started::health);
    }
    if (redis != null) {
      checks.add("redis", redis::ping);
    }
    return checks.build();
  }
}
