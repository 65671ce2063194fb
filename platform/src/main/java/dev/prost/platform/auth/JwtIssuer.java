package dev.prost.platform.auth;

import dev.prost.platform.auth.impl.RsaJwtIssuer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Signs RS256 access tokens (the users service) and publishes the verification key as a
 * JWKS for the other services. Thread-safe, and cheap enough for an event loop.
 */
public interface JwtIssuer {

  static JwtIssuer create(AuthConfig config, RsaKeys keys) {
    return create(config, keys, Clock.systemUTC());
  }

  /** With an explicit clock for {@code iat}/{@code exp} (tests issue tokens in the past). */
  static JwtIssuer create(AuthConfig config, RsaKeys keys, Clock clock) {
    return new RsaJwtIssuer(config.issuer(), config.audience(), config.ttl(), keys, config.retiredKeys(), clock);
  }

  /**
   * A compact JWS with header {@code alg=RS256, typ=JWT, kid} and claims {@code sub},
   * {@code roles}, {@code iss}, {@code aud}, {@code jti} (random), {@code iat} and
   * {@code exp = iat + ttl}.
   */
  String issue(UUID subject, Set<String> roles);

  /**
   * {@code {"keys":[{kty,use,alg,kid,n,e}]}}, served at {@code /.well-known/jwks.json}: the
   * signing key first, then the retired keys that still verify older tokens.
   */
  JsonObject jwks();
}
