package dev.prost.users;

import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseReadiness;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.SchemaInspector;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.messaging.MessagingMetrics;
import dev.prost.platform.messaging.ServiceMessaging;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceMain;
import dev.prost.platform.http.ServiceHttpVerticle;
import dev.prost.users.api.UsersRoutes;
import dev.prost.users.domain.Argon2idPasswords;
import dev.prost.users.store.LoginThrottle;
import dev.prost.users.store.Users;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;

/**
 * Wires the users service: database (waited for, migrated), signing keys, the outbox
 * relay for UserRegistered, the admin bootstrap, then the HTTP verticles.
 */
public final class UsersService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(UsersConfig.SERVICE);
  /** Users consumes nothing; it publishes UserRegistered. */
  public static final Topology TOPOLOGY = Topology.forService(UsersConfig.SERVICE).build();

  private UsersService() {}

  public static Future<RunningService> start(Vertx vertx, UsersConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Pool pool = ServicePool.create(vertx, config.db(), SCHEMA);
    RedisConnections redis = RedisConnections.create(vertx, config.redisUrl(), Duration.ofMillis(500));
    return DatabaseReadiness.awaitAndMigrate(vertx, pool, config.db(), SCHEMA)
        .compose(v -> vertx.executeBlocking(() -> RsaKeys.forIssuer(config.auth()), false))
        .compose(keys -> ServiceMessaging.start(vertx, pool, SCHEMA, config.messaging(), TOPOLOGY,
                Map.of(), new MessagingMetrics(registry, UsersConfig.SERVICE))
            .compose(messaging -> {
              Accounts accounts = new Accounts(vertx, pool, new Users(), Outbox.create(vertx, SCHEMA, EventCodec.create()),
                  Argon2idPasswords.owasp());
              LoginThrottle throttle = new LoginThrottle(redis, config.messaging().namespace(),
                  LoginThrottle.Limits.standard(), registry);
              HealthChecks health = HealthChecks.builder()
                  .add("database", () -> new SchemaInspector(pool, SCHEMA).health(Duration.ofSeconds(2)))
                  .add("broker", messaging::health)
                  .add("redis", redis::ping)
                  .build();
              var routes = UsersRoutes.of(config, accounts, throttle, JwtIssuer.create(config.auth(), keys),
                  JwtVerifier.create(config.auth(), keys.publicKey()), health, registry);
              return AdminBootstrap.run(accounts, config)
                  .compose(v -> ServiceHttpVerticle.deploy(vertx, routes, config.port(), config.httpInstances()))
                  .map(deployment -> (RunningService) () -> vertx.undeploy(deployment)
                      .eventually(messaging::stop)
                      .eventually(pool::close)
                      .eventually(() -> {
                        redis.close();
                        return Future.succeededFuture();
                      }));
            }))
        .onFailure(e -> {
          pool.close();
          redis.close();
        });
  }

  public static void main(String[] args) {
    ServiceMain.run(UsersConfig.SERVICE, vertx -> start(vertx, UsersConfig.from(Env.system())));
  }
}
