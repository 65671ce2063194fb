package dev.prost.users;

import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.service.ServiceBuilder;
import dev.prost.platform.service.ServiceMain;
import dev.prost.users.api.UsersRoutes;
import dev.prost.users.domain.Argon2idPasswords;
import dev.prost.users.store.LoginThrottle;
import dev.prost.users.store.Users;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;

/**
 * The users service: its signing keys (read first: a missing key file opens nothing), its
 * schema, the relay of UserRegistered, the login throttle in Redis, the admin bootstrap and
 * the routes. {@link ServiceBuilder} starts and stops them in order.
 */
public final class UsersService {

  public static final ServiceSchema SCHEMA = ServiceSchema.of(UsersConfig.SERVICE);
  /** Users consumes nothing; it publishes UserRegistered. */
  public static final Topology TOPOLOGY = Topology.forService(UsersConfig.SERVICE).build();

  private UsersService() {}

  public static Future<RunningService> start(Vertx vertx, UsersConfig config) {
    return vertx.executeBlocking(() -> RsaKeys.forIssuer(config.auth()), false)
        .compose(keys -> start(vertx, config, keys));
  }

  private static Future<RunningService> start(Vertx vertx, UsersConfig config, RsaKeys keys) {
    ServiceBuilder service = ServiceBuilder.create(vertx, config.db(), SCHEMA);
    RedisConnections redis = RedisConnections.create(vertx, config.redisUrl(), Duration.ofMillis(500));
    Accounts accounts = new Accounts(vertx, service.pool(), new Users(),
        Outbox.create(vertx, SCHEMA, EventCodec.create()), Argon2idPasswords.owasp());
    LoginThrottle throttle = new LoginThrottle(redis, config.messaging().namespace(),
        LoginThrottle.Limits.standard(), service.registry());
    return service
        .messaging(config.messaging(), TOPOLOGY, Map.of())
        .redis(redis)
        .beforeHttp(() -> AdminBootstrap.run(accounts, config))
        .http(config.port(), config.httpInstances(), health -> UsersRoutes.of(config, accounts, throttle,
            JwtIssuer.create(config.auth(), keys), JwtVerifier.create(config.auth(), keys.publicKey()), health,
            service.registry()))
        .start();
  }

  public static void main(String[] args) {
    ServiceMain.run(UsersConfig.SERVICE, vertx -> start(vertx, UsersConfig.from(Env.system())));
  }
}
