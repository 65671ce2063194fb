package dev.prost.platform.auth;

import dev.prost.platform.auth.impl.KeyPairs;
import dev.prost.platform.auth.impl.Pem;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How access tokens are issued and verified. Read once from the environment:
 * {@code PROST_JWT_ISSUER}, {@code PROST_JWT_AUDIENCE}, {@code PROST_JWT_TTL},
 * {@code PROST_JWT_JWKS_URL}, {@code PROST_JWT_PUBLIC_KEY}, {@code PROST_JWT_PRIVATE_KEY},
 * {@code PROST_JWT_RETIRED_PUBLIC_KEYS} (PEM text) and {@code PROST_DATA_DIR}. Keys are parsed here, so a PEM that does not parse
 * fails at start with a {@link ConfigException} naming the variable.
 *
 * @param jwksUrl where verifiers fetch the signing keys unless {@code publicKey} is set
 * @param publicKey the pinned verification key, or null to use the JWKS; when only the
 *     private key is configured, this is its public half
 * @param privateKey the issuer's signing key, or null for the dev pair under {@code dataDir}
 * @param retiredKeys public keys of earlier signing keys: after a key rotation they still
 *     verify the tokens signed before it, until those expire; the issuer lists them in its JWKS
 */
public record AuthConfig(
    String issuer,
    String audience,
    Duration ttl,
    URI jwksUrl,
    RSAPublicKey publicKey,
    RSAPrivateKey privateKey,
    List<RSAPublicKey> retiredKeys,
    Path dataDir) {

  public static final String ISSUER = "PROST_JWT_ISSUER";
  public static final String AUDIENCE = "PROST_JWT_AUDIENCE";
  public static final String TTL = "PROST_JWT_TTL";
  public static final String JWKS_URL = "PROST_JWT_JWKS_URL";
  public static final String PUBLIC_KEY = "PROST_JWT_PUBLIC_KEY";
  public static final String PRIVATE_KEY = "PROST_JWT_PRIVATE_KEY";
  public static final String RETIRED_KEYS = "PROST_JWT_RETIRED_PUBLIC_KEYS";
  public static final String DATA_DIR = "PROST_DATA_DIR";
  public static final String DEFAULT_JWKS_URL = "http://127.0.0.1:8081/.well-known/jwks.json";

  public static AuthConfig from(Env env) {
    RSAPublicKey publicKey = env.optional(PUBLIC_KEY).map(pem -> parse(PUBLIC_KEY, () -> Pem.publicKey(pem)))
        .orElse(null);
    RSAPrivateKey privateKey = env.optional(PRIVATE_KEY).map(pem -> parse(PRIVATE_KEY, () -> Pem.privateKey(pem)))
        .orElse(null);
    if (privateKey != null && publicKey == null) {
      publicKey = parse(PUBLIC_KEY, () -> KeyPairs.publicOf(privateKey));
    } else if (privateKey != null && !KeyPairs.matches(privateKey, publicKey)) {
      throw new ConfigException(PUBLIC_KEY, "does not belong to the key in " + PRIVATE_KEY);
    }
    return new AuthConfig(
        env.string(ISSUER, "prost"),
        env.string(AUDIENCE, "prost-api"),
        env.duration(TTL, Duration.ofMinutes(15)),
        env.uri(JWKS_URL, DEFAULT_JWKS_URL, "http", "https"),
        publicKey,
        privateKey,
        env.optional(RETIRED_KEYS).map(pem -> parse(RETIRED_KEYS, () -> Pem.publicKeys(pem))).orElse(List.of()),
        dataDir(env));
  }

  public AuthConfig {
    retiredKeys = List.copyOf(retiredKeys);
  }

  private static Path dataDir(Env env) {
    String raw = env.string(DATA_DIR, "./.prost");
    try {
      return Path.of(raw);
    } catch (InvalidPathException e) {
      throw new ConfigException(DATA_DIR, "'" + raw + "' is not a valid path");
    }
  }

  private static <T> T parse(String variable, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      // the message never repeats the PEM: it may be a secret
      throw new ConfigException(variable, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "AuthConfig[issuer=" + issuer + ", audience=" + audience + ", ttl=" + ttl + ", jwksUrl=" + jwksUrl
        + ", publicKey=" + (publicKey == null ? "none" : "pinned") + ", privateKey="
        + (privateKey == null ? "none" : "configured") + ", retiredKeys=" + retiredKeys.size() + ", dataDir=" + dataDir
        + "]";
  }
}
