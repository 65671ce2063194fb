package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.auth.impl.JwksKeySource;
import dev.prost.platform.auth.impl.KeySource;
import dev.prost.platform.auth.impl.RsaJwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The verified-token cache")
class VerifiedTokenCacheTest {

  private static final RsaKeys KEYS = RsaKeys.generate();
  private final AuthConfig config = AuthConfig.from(Env.of(Map.of()));
  private final UUID user = UUID.randomUUID();

  @Test
  @DisplayName("a cached token is refused once it expires, and an altered copy never matches the cached one")
  void expiredTokenLeavesTheCache() {
    // no clock skew, so the token's own exp is the last moment it is accepted
    RsaJwtVerifier verifier = new RsaJwtVerifier(KeySource.pinned(KEYS.publicKey(), List.of()), config.issuer(),
        config.audience(), Duration.ZERO, Clock.systemUTC());
    String token = TestTokens.rs256(KEYS.privateKey(), TestTokens.header("RS256", KEYS.kid()),
        TestTokens.claims(user, "customer").put("exp", Instant.now().getEpochSecond() + 5));
    assertThat(Await.result(verifier.verify(token)).userId()).isEqualTo(user);
    assertThat(Await.result(verifier.verify(token)).userId()).isEqualTo(user);
    assertThat(verifier.cachedTokens()).isEqualTo(1);

    String[] parts = token.split("\\.");
    String admin = TestTokens.part(TestTokens.decodePart(token, 1).put("roles", new JsonArray()
        .add("admin")));
    assertThat(Await.failure(verifier.verify(parts[0] + "." + admin + "." + parts[2])))
        .hasMessage("invalid signature");

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .until(() -> verifier.verify(token).failed());
    assertThat(Await.failure(verifier.verify(token))).isInstanceOf(AuthenticationException.class)
        .hasMessage("token expired");
    assertThat(verifier.cachedTokens()).isZero();
  }

  @Test
  @DisplayName("a key rotation (a JWKS re-read with other keys) clears the cache; a re-read with the same keys keeps it")
  void rotationClearsTheCache(Vertx vertx) {
    RsaKeys next = RsaKeys.generate();
    try (JwksServer jwks = new JwksServer(vertx)) {
      AuthConfig viaJwks = AuthConfig.from(Env.of(Map.of("PROST_JWT_JWKS_URL", jwks.url().toString())));
      JwtIssuer before = JwtIssuer.create(viaJwks, KEYS);
      JwtIssuer after = JwtIssuer.create(viaJwks, next);
      jwks.serve(before);
      var options = new JwksKeySource.Options(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5));
      RsaJwtVerifier verifier = new RsaJwtVerifier(JwksKeySource.start(vertx, jwks.url(), options),
          viaJwks.issuer(), viaJwks.audience(), RsaJwtVerifier.DEFAULT_SKEW, Clock.systemUTC());
      Await.result(verifier.verify(before.issue(user, Set.of("customer"))));
      Await.result(verifier.verify(before.issue(user, Set.of("admin"))));
      assertThat(verifier.cachedTokens()).isEqualTo(2);

      // a made-up kid re-reads the JWKS, which holds the same key: nothing to forget
      String unknownKid = TestTokens.rs256(KEYS.privateKey(), TestTokens.header("RS256", "made-up"),
          TestTokens.claims(user));
      assertThat(Await.failure(verifier.verify(unknownKid))).hasMessage("unknown kid");
      assertThat(verifier.cachedTokens()).isEqualTo(2);

      jwks.serve(after, before);
      Await.result(verifier.verify(after.issue(user, Set.of("customer"))));
      assertThat(verifier.cachedTokens()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a signature shortened by its trailing zero byte is refused (the library would pad it back)")
  void shortenedSignature() {
    JwtIssuer issuer = JwtIssuer.create(config, KEYS);
    JwtVerifier verifier = JwtVerifier.create(config, KEYS.publicKey());
    String token;
    byte[] signature;
    do {
      // about one signature in 256 ends in a zero byte
      token = issuer.issue(user, Set.of("customer"));
      signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    } while (signature[signature.length - 1] != 0);
    String shortened = token.substring(0, token.lastIndexOf('.') + 1)
        + TestTokens.b64(Arrays.copyOf(signature, signature.length - 1));
    assertThat(Await.result(verifier.verify(token)).userId()).isEqualTo(user);
    assertThat(Await.failure(verifier.verify(shortened))).hasMessage("invalid signature");
  }
}
