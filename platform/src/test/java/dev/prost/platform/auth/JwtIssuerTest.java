package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access token issuer")
class JwtIssuerTest {

  private static final RsaKeys KEYS = RsaKeys.generate();
  private final AuthConfig config = AuthConfig.from(Env.of(Map.of("PROST_JWT_TTL", "15m")));
  private final Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final JwtIssuer issuer = JwtIssuer.create(config, KEYS, clock);

  @Test
  @DisplayName("a token has the RS256 header with our kid and sub, roles, iss, aud, jti, iat, exp = iat + ttl")
  void tokenShape() {
    UUID user = UUID.randomUUID();
    String token = issuer.issue(user, Set.of("customer", "admin"));

    assertThat(token.split("\\.")).hasSize(3);
    assertThat(TestTokens.decodePart(token, 0)).isEqualTo(new JsonObject()
        .put("alg", "RS256").put("typ", "JWT").put("kid", KEYS.kid()));
    JsonObject claims = TestTokens.decodePart(token, 1);
    assertThat(claims.fieldNames()).containsExactly("sub", "roles", "iss", "aud", "jti", "iat", "exp");
    assertThat(claims.getString("sub")).isEqualTo(user.toString());
    assertThat(claims.getJsonArray("roles")).isEqualTo(new JsonArray().add("admin").add("customer"));
    assertThat(claims.getString("iss")).isEqualTo("prost");
    assertThat(claims.getString("aud")).isEqualTo("prost-api");
    assertThat(UUID.fromString(claims.getString("jti"))).isNotNull();
    assertThat(claims.getLong("iat")).isEqualTo(clock.instant().getEpochSecond());
    assertThat(claims.getLong("exp")).isEqualTo(clock.instant().getEpochSecond() + 900);
    assertThat(TestTokens.decodePart(issuer.issue(user, Set.of()), 1).getString("jti"))
        .isNotEqualTo(claims.getString("jti"));
  }

  @Test
  @DisplayName("the JWKS publishes the public key with kid, use, alg and unsigned base64url n and e")
  void jwks() {
    JsonArray keys = issuer.jwks().getJsonArray("keys");
    assertThat(keys).hasSize(1);
    JsonObject jwk = keys.getJsonObject(0);
    assertThat(jwk.fieldNames()).containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
    assertThat(jwk.getString("kty")).isEqualTo("RSA");
    assertThat(jwk.getString("use")).isEqualTo("sig");
    assertThat(jwk.getString("alg")).isEqualTo("RS256");
    assertThat(jwk.getString("kid")).isEqualTo(KEYS.kid());
    assertThat(jwk.getString("e")).isEqualTo("AQAB");
    byte[] n = Base64.getUrlDecoder().decode(jwk.getString("n"));
    // 2048 bits are 256 bytes: the sign byte BigInteger.toByteArray() adds must be gone
    assertThat(n).hasSize(256);
    assertThat(new BigInteger(1, n)).isEqualTo(KEYS.publicKey().getModulus());
    assertThat(jwk.getString("n")).doesNotContain("=", "+", "/");
  }
}
