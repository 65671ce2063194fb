package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The jti claim")
class RequiredJtiTest {

  private static final RsaKeys KEYS = RsaKeys.generate();
  private final JwtVerifier verifier = JwtVerifier.create(AuthConfig.from(Env.of(Map.of())), KEYS.publicKey());
  private final UUID user = UUID.randomUUID();

  @Test
  @DisplayName("a token without a jti, or with an empty or non-string one, is refused; with one it verifies")
  void required() {
    JsonObject claims = TestTokens.claims(user, "customer");
    assertThat(Await.result(verifier.verify(signed(claims.copy()))).userId()).isEqualTo(user);
    JsonObject without = claims.copy();
    without.remove("jti");
    for (JsonObject refused : new JsonObject[] {without, claims.copy().put("jti", ""), claims.copy().put("jti", 7)}) {
      Throwable failure = Await.failure(verifier.verify(signed(refused)));
      assertThat(failure).isInstanceOf(AuthenticationException.class).hasMessage("missing jti");
      assertThat(((AuthenticationException) failure).status()).isEqualTo(401);
    }
  }

  private String signed(JsonObject claims) {
    return TestTokens.rs256(KEYS.privateKey(), TestTokens.header("RS256", KEYS.kid()), claims);
  }
}
