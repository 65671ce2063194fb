package dev.prost.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Vert.x Web handlers for bearer-token routes. Mount {@link #authenticate} before the route
 * handlers (before or after a {@code BodyHandler}: the body is held while keys load) and
 * {@link #requireRole} after it; handlers then read {@link #principal}.
 * <pre>{@code
 * router.route("/api/*").handler(AuthHandlers.authenticate(verifier));
 * router.post("/api/products").handler(AuthHandlers.requireRole(Principal.ADMIN)).handler(this::create);
 * }</pre>
 */
public final class AuthHandlers {

  private static final String PRINCIPAL = "prost.principal";
  private static final String BEARER = "Bearer ";

  private AuthHandlers() {}

  /** 401 without a valid {@code Authorization: Bearer <token>}; otherwise stores the principal. */
  public static Handler<RoutingContext> authenticate(JwtVerifier verifier) {
    return ctx -> {
      Future<Principal> verified = bearerToken(ctx).compose(verifier::verify);
      // only a JWKS read makes this asynchronous; a BodyHandler mounted after us would then
      // find the body gone, so hold it until the next handler is in place
      boolean paused = !verified.isComplete();
      if (paused) {
        ctx.request().pause();
      }
      verified
          .onSuccess(principal -> {
            ctx.put(PRINCIPAL, principal);
            ctx.next();
          })
          .onFailure(failure -> {
            if (failure instanceof AuthenticationException refused
                && refused.kind() == AuthenticationException.Kind.UNAUTHORIZED) {
              // RFC 6750 §3: a 401 names the scheme the client should use
              ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            ctx.fail(failure);
          })
          .onComplete(ignored -> {
            if (paused) {
              ctx.request().resume();
            }
          });
    };
  }

  /** 403 unless the authenticated principal has {@code role}. */
  public static Handler<RoutingContext> requireRole(String role) {
    return ctx -> {
      if (principal(ctx).hasRole(role)) {
        ctx.next();
      } else {
        ctx.fail(AuthenticationException.forbidden("requires role " + role));
      }
    };
  }

  /**
   * The principal {@link #authenticate} stored.
   *
   * @throws IllegalStateException on a route without {@code authenticate}: a wiring bug, so
   *     it surfaces as a 500 rather than being mistaken for a client error
   */
  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("no principal: authenticate() is not mounted on this route");
    }
    return principal;
  }

  private static Future<String> bearerToken(RoutingContext ctx) {
    List<String> headers = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
    if (headers.isEmpty()) {
      return Future.failedFuture(AuthenticationException.unauthorized("missing bearer token"));
    }
    String header = headers.get(0);
    // one header, "Bearer" in any case (RFC 7235 §2.1), one token with nothing after it
    if (headers.size() > 1 || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Future.failedFuture(AuthenticationException.unauthorized("expected Authorization: Bearer <token>"));
    }
    String token = header.substring(BEARER.length()).trim();
    if (token.isEmpty() || token.contains(" ")) {
      return Future.failedFuture(AuthenticationException.unauthorized("expected Authorization: Bearer <token>"));
    }
    return Future.succeededFuture(token);
  }
}
