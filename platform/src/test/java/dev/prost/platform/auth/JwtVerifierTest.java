package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Access token verification against a configured key")
class JwtVerifierTest {

  private static final RsaKeys KEYS = RsaKeys.generate();
  private static final RsaKeys ATTACKER = RsaKeys.generate();
  private final AuthConfig config = AuthConfig.from(Env.of(Map.of("PROST_JWT_PUBLIC_KEY", KEYS.publicKeyPem())));
  private final JwtIssuer issuer = JwtIssuer.create(config, KEYS);
  private final JwtVerifier verifier = JwtVerifier.create(config, KEYS.publicKey());
  private final UUID user = UUID.randomUUID();

  @Test
  @DisplayName("an issued token verifies to its user and roles (also through create(vertx, config))")
  void roundTrip(Vertx vertx) {
    String token = issuer.issue(user, Set.of("customer", "admin"));
    for (JwtVerifier v : new JwtVerifier[] {verifier, JwtVerifier.create(vertx, config)}) {
      Principal principal = Await.result(v.verify(token));
      assertThat(principal.userId()).isEqualTo(user);
      assertThat(principal.roles()).containsExactlyInAnyOrder("customer", "admin");
      assertThat(principal.hasRole("admin")).isTrue();
      assertThat(principal.hasRole("ops")).isFalse();
    }
  }

  @Test
  @DisplayName("a tampered payload fails the signature check")
  void tampered() {
    String[] parts = issuer.issue(user, Set.of("customer")).split("\\.");
    JsonObject claims = TestTokens.decodePart(String.join(".", parts), 1).put("roles", new JsonArray().add("admin"));
    assertRejected(parts[0] + "." + TestTokens.part(claims) + "." + parts[2], "invalid signature");
    assertRejected(parts[0] + "." + parts[1] + "." + TestTokens.b64(new byte[256]), "invalid signature");
    assertRejected(parts[0] + "." + parts[1] + "." + TestTokens.b64(new byte[7]), "invalid signature");
  }

  @Test
  @DisplayName("an expired token is refused; one expired within the 30 s clock skew is still accepted")
  void expiry() {
    Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));
    assertRejected(JwtIssuer.create(config, KEYS, past).issue(user, Set.of()), "token expired");
    assertRejected(signed(claims().put("exp", now() - 31)), "token expired");
    assertThat(Await.result(verifier.verify(signed(claims().put("exp", now() - 10))))).isNotNull();
  }

  @Test
  @DisplayName("exp is required and must be a number; a future nbf is refused")
  void expRequired() {
    JsonObject claims = claims();
    claims.remove("exp");
    assertRejected(signed(claims), "missing exp");
    assertRejected(signed(claims().put("exp", "tomorrow")), "invalid exp");
    assertRejected(signed(claims().put("nbf", now() + 120)), "token not yet valid");
  }

  @Test
  @DisplayName("a wrong or missing iss or aud is refused; aud may be an array holding ours")
  void issuerAndAudience() {
    assertRejected(signed(claims().put("iss", "evil")), "wrong issuer");
    assertRejected(signed(without(claims(), "iss")), "wrong issuer");
    assertRejected(signed(claims().put("aud", "other-api")), "wrong audience");
    assertRejected(signed(claims().put("aud", new JsonArray().add("other-api"))), "wrong audience");
    assertRejected(signed(without(claims(), "aud")), "wrong audience");
    JsonObject both = claims().put("aud", new JsonArray().add("other-api").add("prost-api"));
    assertThat(Await.result(verifier.verify(signed(both))).userId()).isEqualTo(user);
  }

  @Test
  @DisplayName("sub must be a UUID and roles an array of strings")
  void subjectAndRoles() {
    assertRejected(signed(claims().put("sub", "admin")), "invalid sub");
    assertRejected(signed(claims().put("sub", "1-1-1-1-1")), "invalid sub");
    assertRejected(signed(without(claims(), "sub")), "invalid sub");
    assertRejected(signed(claims().put("roles", "admin")), "invalid roles");
    assertRejected(signed(claims().put("roles", new JsonArray().add(1))), "invalid roles");
  }

  @Test
  @DisplayName("alg none, a missing alg and any alg but RS256 (RS512, rs256) are refused")
  void algorithmPinned() {
    String payload = TestTokens.part(claims());
    assertRejected(TestTokens.part(TestTokens.header("none", null)) + "." + payload + ".", "malformed token");
    assertRejected(TestTokens.part(TestTokens.header("none", null)) + "." + payload + ".AAAA", "unsupported alg");
    assertRejected(TestTokens.rs256(KEYS.privateKey(), without(TestTokens.header("RS256", KEYS.kid()), "alg"),
        claims()), "missing alg");
    assertRejected(TestTokens.signed("SHA512withRSA", KEYS.privateKey(), TestTokens.header("RS512", KEYS.kid()),
        claims()), "unsupported alg");
    assertRejected(TestTokens.rs256(KEYS.privateKey(), TestTokens.header("rs256", KEYS.kid()), claims()),
        "unsupported alg");
  }

  @Test
  @DisplayName("HS256 signed with the public key as HMAC secret (algorithm confusion) is refused")
  void algorithmConfusion() {
    byte[][] secrets = {KEYS.publicKeyPem().getBytes(StandardCharsets.US_ASCII), KEYS.publicKey().getEncoded()};
    for (byte[] secret : secrets) {
      assertRejected(TestTokens.hs256(secret, TestTokens.header("HS256", KEYS.kid()), claims()), "unsupported alg");
    }
  }

  @Test
  @DisplayName("a token carrying its own jwk (an attacker's key) and signed with it is refused")
  void embeddedJwk() {
    JsonObject header = TestTokens.header("RS256", ATTACKER.kid())
        .put("jwk", attackerJwk());
    assertRejected(TestTokens.rs256(ATTACKER.privateKey(), header, claims()), "invalid signature");
    JsonObject ourKid = TestTokens.header("RS256", KEYS.kid())
        .put("jwk", attackerJwk())
        .put("x5c", new JsonArray().add("MIIB"));
    assertRejected(TestTokens.rs256(ATTACKER.privateKey(), ourKid, claims()), "invalid signature");
  }

  @Test
  @DisplayName("crit headers and foreign typ values are refused")
  void headerExtensions() {
    assertRejected(TestTokens.rs256(KEYS.privateKey(),
        TestTokens.header("RS256", KEYS.kid()).put("crit", new JsonArray().add("exp")), claims()),
        "unsupported crit header");
    assertRejected(TestTokens.rs256(KEYS.privateKey(),
        TestTokens.header("RS256", KEYS.kid()).put("typ", "dpop+jwt"), claims()), "unsupported typ");
  }

  @Test
  @DisplayName("malformed tokens (part count, base64, padding, JSON, duplicate members) are refused")
  void malformed() {
    String good = issuer.issue(user, Set.of());
    String[] p = good.split("\\.");
    String header = TestTokens.part(TestTokens.header("RS256", KEYS.kid()));
    for (String token : new String[] {
        "", "abc", p[0] + "." + p[1], good + "." + p[2], p[0] + ".." + p[2], "." + p[1] + "." + p[2],
        p[0] + "." + p[1] + "!" + "." + p[2], p[0] + "." + p[1] + "." + p[2] + "==",
        TestTokens.part("not json") + "." + p[1] + "." + p[2],
        header + "." + TestTokens.part("[1,2]") + "." + p[2],
        header + "." + TestTokens.part("{\"sub\":\"x\"} trailing") + "." + p[2],
        TestTokens.part("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + p[1] + "." + p[2],
        TestTokens.part(TestTokens.header("RS256", null).put("kid", 7)) + "." + p[1] + "." + p[2],
        "a".repeat(9000)}) {
      assertRejected(token, "malformed token");
    }
  }

  @Test
  @DisplayName("a signature spelled non-canonically (unused low bits of its last character set) is refused")
  void nonCanonicalBase64() {
    String token = issuer.issue(user, Set.of());
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // 256 signature bytes take 342 characters; the last carries 2 bits of data and 4 unused
    int last = alphabet.indexOf(token.charAt(token.length() - 1));
    String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
    assertThat(Await.result(verifier.verify(token)).userId()).isEqualTo(user);
    assertRejected(respelled, "malformed token");
  }

  private void assertRejected(String token, String reason) {
    Throwable failure = Await.failure(verifier.verify(token));
    assertThat(failure).isInstanceOf(AuthenticationException.class);
    AuthenticationException problem = (AuthenticationException) failure;
    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.reason()).isEqualTo(reason);
    if (token.length() > 8) {
      assertThat(problem.getMessage()).doesNotContain(token);
    }
  }

  private String signed(JsonObject claims) {
    return TestTokens.rs256(KEYS.privateKey(), TestTokens.header("RS256", KEYS.kid()), claims);
  }

  private JsonObject attackerJwk() {
    return JwtIssuer.create(config, ATTACKER).jwks().getJsonArray("keys").getJsonObject(0);
  }

  private JsonObject claims() {
    return TestTokens.claims(user, "customer");
  }

  private static JsonObject without(JsonObject json, String field) {
    json.remove(field);
    return json;
  }

  private static long now() {
    return Instant.now().atZone(ZoneOffset.UTC).toEpochSecond();
  }
}
