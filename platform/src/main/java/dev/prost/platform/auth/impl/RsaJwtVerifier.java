package dev.prost.platform.auth.impl;

import dev.prost.platform.auth.AuthenticationException;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link JwtVerifier} on vertx-auth-jwt: the {@link TokenGuard} first, then the key ring, then
 * the library (RS256 signature, {@code exp}/{@code nbf}/{@code iat} with leeway, {@code iss},
 * {@code aud}), then {@code sub} and {@code roles}. Tokens that verified are kept in a
 * {@link VerifiedTokens} cache until their {@code exp}, cleared whenever the keys change.
 */
public final class RsaJwtVerifier implements JwtVerifier {

  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);
  /** About 10 MB at most: far more distinct live tokens than one process serves in 15 minutes. */
  public static final long CACHE_SIZE = 10_000;
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The library's instance for one ring; rebuilt when the ring changes. */
  private record Library(KeyRing ring, JWTAuth auth) {}

  private final KeySource keys;
  private final JWTOptions claimRules;
  private final long skewSeconds;
  private final Clock clock;
  private final VerifiedTokens verified;
  private volatile Library library;

  public RsaJwtVerifier(KeySource keys, String issuer, String audience, Duration skew, Clock clock) {
    this.keys = keys;
    this.skewSeconds = skew.toSeconds();
    this.clock = clock;
    this.claimRules = new JWTOptions()
        .setIssuer(issuer)
        .setAudience(List.of(audience))
        .setLeeway((int) skewSeconds);
    this.verified = new VerifiedTokens(CACHE_SIZE, clock);
  }

  @Override
  public Future<Principal> verify(String compactToken) {
    Principal known = verified.get(compactToken);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    TokenGuard guard;
    try {
      guard = TokenGuard.check(compactToken);
    } catch (AuthenticationException e) {
      return Future.failedFuture(e);
    }
    // the header is vetted before any key lookup: alg=none must not even cost a JWKS read
    return keys.ring(guard.kid()).compose(ring -> verify(compactToken, guard, ring));
  }

  /** Tokens in the verified-token cache now (for tests and metrics). */
  public long cachedTokens() {
    return verified.size();
  }

  private Future<Principal> verify(String token, TokenGuard guard, KeyRing ring) {
    // the library zero-pads a short RSA signature before checking it, which would give a
    // token whose signature ends in a zero byte a second spelling: only the exact length passes
    if (!ring.signatureLengths().contains(guard.signatureLength())) {
      return Future.failedFuture(AuthenticationException.unauthorized("invalid signature"));
    }
    Library current = libraryFor(ring);
    Future<User> user;
    try {
      user = current.auth().authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      user = Future.failedFuture(e);
    }
    return user
        .recover(failure -> Future.failedFuture(LibraryRefusals.reason(failure, guard.exp(), now() - skewSeconds)))
        .map(accepted -> principal(accepted.principal()))
        .onSuccess(principal -> {
          // a verification that began with the old keys must not refill the cache they cleared
          if (library == current) {
            verified.put(token, principal, guard.exp());
          }
        });
  }

  private Library libraryFor(KeyRing ring) {
    Library current = library;
    if (current != null && (current.ring() == ring || current.ring().equals(ring))) {
      return current;
    }
    synchronized (this) {
      if (library != null && library.ring().equals(ring)) {
        return library;
      }
      JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(claimRules).setJwks(ring.jwks());
      // JWTAuth.create only uses Vert.x to read a key store file, which we never configure
      library = new Library(ring, JWTAuth.create(null, options));
      verified.clear();
      return library;
    }
  }

  private static Principal principal(JsonObject claims) {
    if (!(claims.getValue("sub") instanceof String sub) || !UUID_TEXT.matcher(sub).matches()) {
      throw AuthenticationException.unauthorized("invalid sub");
    }
    if (!(claims.getValue("roles") instanceof JsonArray roles)) {
      throw AuthenticationException.unauthorized("invalid roles");
    }
    Set<String> result = new HashSet<>();
    for (Object role : roles) {
      if (!(role instanceof String name)) {
        throw AuthenticationException.unauthorized("invalid roles");
      }
      result.add(name);
    }
    return new Principal(UUID.fromString(sub), result);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
