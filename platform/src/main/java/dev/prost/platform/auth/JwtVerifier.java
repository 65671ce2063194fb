package dev.prost.platform.auth;

import dev.prost.platform.auth.impl.JwksKeySource;
import dev.prost.platform.auth.impl.KeySource;
import dev.prost.platform.auth.impl.RsaJwtVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;

/**
 * Checks access tokens issued by the users service and says whom they speak for, with
 * vertx-auth-jwt behind a guard that holds the rules below where the library is lenient.
 *
 * <p>Accepted are RS256 compact JWS only, signed by a key from configuration or from the
 * users service's JWKS, never by a key the token carries ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c} are ignored). Required claims: {@code exp} (30 s clock skew),
 * {@code iss}, {@code aud} (a string or an array holding ours), {@code jti}, {@code sub} (a UUID) and
 * {@code roles}. A rejected token fails the future with an {@link AuthenticationException}
 * (401) and a short reason that never repeats the token; while no JWKS could be loaded yet,
 * with {@code KEYS_UNAVAILABLE} (503). A token that verified is remembered (bounded, never
 * past its {@code exp}, forgotten when the keys change), so sending it again costs no RS256
 * check. Thread-safe.
 */
public interface JwtVerifier {

  /**
   * Verifies with {@code config.publicKey()} when set, else with the JWKS at
   * {@code config.jwksUrl()}: loaded in the background at once (retrying with backoff for up
   * to 30 s, then again whenever a token needs it), re-read when a token names an unknown kid
   * (at most once per 10 s).
   */
  static JwtVerifier create(Vertx vertx, AuthConfig config) {
    KeySource keys = config.publicKey() != null
        ? KeySource.pinned(config.publicKey(), config.retiredKeys())
        : JwksKeySource.start(vertx, config.jwksUrl(), JwksKeySource.Options.DEFAULTS);
    return new RsaJwtVerifier(keys, config.issuer(), config.audience(), RsaJwtVerifier.DEFAULT_SKEW,
        Clock.systemUTC());
  }

  /** Verifies with one given key and the retired ones, e.g. the users service checking its own tokens. */
  static JwtVerifier create(AuthConfig config, RSAPublicKey key) {
    return new RsaJwtVerifier(KeySource.pinned(key, config.retiredKeys()), config.issuer(), config.audience(),
        RsaJwtVerifier.DEFAULT_SKEW, Clock.systemUTC());
  }

  /** The token's principal, or a failed future carrying an {@link AuthenticationException}. */
  Future<Principal> verify(String compactToken);
}
