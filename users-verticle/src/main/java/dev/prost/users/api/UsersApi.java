package dev.prost.users.api;

import dev.prost.platform.auth.AuthHandlers;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestValues;
import dev.prost.users.Accounts;
import dev.prost.users.domain.User;
import dev.prost.users.store.LoginThrottle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;

/** The users service's operations, one small method each; routes are declared in {@link UsersRoutes}. */
final class UsersApi {

  // one body for every failed login: an attacker learns nothing about which e-mails exist
  private static final String BAD_CREDENTIALS = "e-mail or password is wrong";

  private final Accounts accounts;
  private final LoginThrottle throttle;
  private final JwtIssuer issuer;
  private final Duration tokenTtl;
  private final String trustedProxy;

  UsersApi(Accounts accounts, LoginThrottle throttle, JwtIssuer issuer, Duration tokenTtl, String trustedProxy) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.issuer = issuer;
    this.tokenTtl = tokenTtl;
    this.trustedProxy = trustedProxy;
  }

  void register(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    accounts.register(body.getString("email"), body.getString("password"), RequestValues.text(body, "name"),
            Set.of(User.CUSTOMER))
        .onSuccess(created -> created.ifPresentOrElse(
            user -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                .end(new JsonObject().put("id", user.id().toString()).put("email", user.email())
                    .put("name", user.name()).encode()),
            () -> ctx.fail(ProblemException.conflict("email-taken", "this e-mail is already registered"))))
        .onFailure(ctx::fail);
  }

  void login(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    String email = body.getString("email");
    String address = ClientAddress.of(ctx, trustedProxy);
    throttle.retryAfter(email, address)
        .compose(blocked -> {
          if (blocked.isPresent()) {
            throw ProblemException.tooManyRequests(blocked.get(), "too many failed logins, try again later");
          }
          return accounts.authenticate(email, body.getString("password"));
        })
        .compose(user -> user.isPresent()
            ? throttle.clear(email).map(v -> user.get())
            : throttle.recordFailure(email, address).map(v -> {
              throw ProblemException.unauthorized(BAD_CREDENTIALS);
            }))
        .onSuccess(user -> ctx.response().putHeader("content-type", "application/json")
            .putHeader("cache-control", "no-store")
            .end(new JsonObject()
                .put("access_token", issuer.issue(user.id(), user.roles()))
                .put("token_type", "Bearer")
                .put("expires_in", tokenTtl.toSeconds()).encode()))
        .onFailure(ctx::fail);
  }

  void me(RoutingContext ctx) {
    Principal principal = AuthHandlers.principal(ctx);
    accounts.byId(principal.userId())
        .onSuccess(found -> found.ifPresentOrElse(
            user -> ctx.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("id", user.id().toString()).put("email", user.email())
                    .put("name", user.name()).put("roles", new JsonArray(user.roles().stream().sorted().toList()))
                    .encode()),
            () -> ctx.fail(ProblemException.notFound("no such user"))))
        .onFailure(ctx::fail);
  }

  void jwks(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json")
        .putHeader("cache-control", "public, max-age=60")
        .end(issuer.jwks().encode());
  }
}
