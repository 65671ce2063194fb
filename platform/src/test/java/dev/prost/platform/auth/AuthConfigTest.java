package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Auth configuration from the environment")
class AuthConfigTest {

  private static final RsaKeys KEYS = RsaKeys.generate();

  @Test
  @DisplayName("with nothing set, tokens are prost/prost-api for 15 min, keys come from the local users service")
  void defaults() {
    AuthConfig config = AuthConfig.from(Env.of(Map.of()));
    assertThat(config.issuer()).isEqualTo("prost");
    assertThat(config.audience()).isEqualTo("prost-api");
    assertThat(config.ttl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.jwksUrl()).hasToString("http://127.0.0.1:8081/.well-known/jwks.json");
    assertThat(config.publicKey()).isNull();
    assertThat(config.privateKey()).isNull();
    assertThat(config.dataDir()).isEqualTo(Path.of("./.prost"));
  }

  @Test
  @DisplayName("a PEM that does not parse fails naming the variable, without repeating the PEM")
  void brokenPem() {
    String broken = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsecret\n-----END PUBLIC KEY-----";
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("PROST_JWT_PUBLIC_KEY", broken))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PROST_JWT_PUBLIC_KEY: ")
        .hasMessageNotContaining("secret")
        .extracting(e -> ((ConfigException) e).variable()).isEqualTo("PROST_JWT_PUBLIC_KEY");
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("PROST_JWT_PRIVATE_KEY", "hunter2"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PROST_JWT_PRIVATE_KEY: no PEM block (-----BEGIN ...----- / -----END ...-----)");
  }

  @Test
  @DisplayName("retired public keys: several PEM blocks, one-line or not; a bad one fails naming the variable")
  void retiredKeys() {
    RsaKeys first = RsaKeys.generate();
    RsaKeys second = RsaKeys.generate();
    String both = first.publicKeyPem() + second.publicKeyPem().replace("\n", "\\n");
    AuthConfig config = AuthConfig.from(Env.of(Map.of("PROST_JWT_RETIRED_PUBLIC_KEYS", both)));
    assertThat(config.retiredKeys()).containsExactly(first.publicKey(), second.publicKey());
    assertThat(AuthConfig.from(Env.of(Map.of())).retiredKeys()).isEmpty();

    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("PROST_JWT_RETIRED_PUBLIC_KEYS", "old key"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PROST_JWT_RETIRED_PUBLIC_KEYS: no PEM block");
  }

  @Test
  @DisplayName("a public key that does not belong to the private key fails naming the public one")
  void mismatchedPair() {
    Env env = Env.of(Map.of("PROST_JWT_PRIVATE_KEY", KEYS.privateKeyPem(),
        "PROST_JWT_PUBLIC_KEY", RsaKeys.generate().publicKeyPem()));
    assertThatThrownBy(() -> AuthConfig.from(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PROST_JWT_PUBLIC_KEY: does not belong");
  }

  @Test
  @DisplayName("a private key alone is enough: its public half is derived, and one-line PEMs with \\n work")
  void privateKeyOnly() {
    String oneLine = KEYS.privateKeyPem().replace("\n", "\\n");
    AuthConfig config = AuthConfig.from(Env.of(Map.of("PROST_JWT_PRIVATE_KEY", oneLine)));
    assertThat(config.publicKey()).isEqualTo(KEYS.publicKey());
    assertThat(RsaKeys.forIssuer(config).kid()).isEqualTo(KEYS.kid());
    assertThat(config.toString()).doesNotContain(KEYS.privateKey().getPrivateExponent().toString())
        .contains("privateKey=configured");
  }

  @Test
  @DisplayName("an issuer needs the private key when the public one is configured")
  void issuerNeedsPrivateKey() {
    AuthConfig config = AuthConfig.from(Env.of(Map.of("PROST_JWT_PUBLIC_KEY", KEYS.publicKeyPem())));
    assertThat(config.publicKey()).isEqualTo(KEYS.publicKey());
    assertThatThrownBy(() -> RsaKeys.forIssuer(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PROST_JWT_PRIVATE_KEY: ");
  }

  @Test
  @DisplayName("a bad TTL or JWKS URL fails naming the variable")
  void badValues() {
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("PROST_JWT_TTL", "soon"))))
        .hasMessageStartingWith("PROST_JWT_TTL: ");
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("PROST_JWT_JWKS_URL", "ftp://users/jwks"))))
        .hasMessageStartingWith("PROST_JWT_JWKS_URL: ");
  }
}
