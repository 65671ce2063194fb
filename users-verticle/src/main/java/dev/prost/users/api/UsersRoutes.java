package dev.prost.users.api;

import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.http.HealthChecks;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.users.Accounts;
import dev.prost.users.UsersConfig;
import dev.prost.users.store.LoginThrottle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Every route of the users service, in one place: operationId → handlers. */
public final class UsersRoutes {

  private UsersRoutes() {}

  public static ServiceRouter.Options of(UsersConfig config, Accounts accounts, LoginThrottle throttle,
      JwtIssuer issuer, JwtVerifier verifier, HealthChecks health, PrometheusMeterRegistry registry) {
    UsersApi api = new UsersApi(accounts, throttle, issuer, config.auth().ttl(), config.trustedProxy());
    return new ServiceRouter.Options(UsersConfig.SERVICE, "openapi/users.yaml")
        .operation("register", api::register)
        .operation("login", api::login)
        .operation("me", AuthHandlers.authenticate(verifier), api::me)
        .operation("jwks", api::jwks)
        .bodyLimit(config.maxBodyBytes())
        .admission(config.admission())
        .health(health)
        .metrics(registry);
  }
}
