package dev.prost.platform.auth;

import dev.prost.platform.auth.impl.DevKeyFiles;
import dev.prost.platform.auth.impl.Jwk;
import dev.prost.platform.auth.impl.KeyPairs;
import dev.prost.platform.auth.impl.Pem;
import dev.prost.platform.config.ConfigException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The RSA key pair the users service signs access tokens with, and its {@code kid}: the
 * RFC 7638 thumbprint of the public key, so the id follows the key wherever it is loaded.
 *
 * <p>Keys come from configuration ({@code PROST_JWT_PRIVATE_KEY}, optionally with
 * {@code PROST_JWT_PUBLIC_KEY}) or, on a developer machine, from a pair generated once under
 * the data directory and reused on every later start. {@link #forIssuer} and
 * {@link #loadOrGenerate} touch the file system: run them through
 * {@code vertx.executeBlocking(() -> RsaKeys.forIssuer(config))}, never on an event loop.
 */
public final class RsaKeys {

  private final RSAPrivateKey privateKey;
  private final RSAPublicKey publicKey;
  private final String kid;

  private RsaKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    if (!KeyPairs.matches(privateKey, publicKey)) {
      throw new IllegalArgumentException("the public key does not belong to the private key");
    }
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.kid = Jwk.thumbprint(publicKey);
  }

  /** A pair whose halves must match. */
  public static RsaKeys of(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    return new RsaKeys(privateKey, publicKey);
  }

  /**
   * From PEM text. {@code publicPem} may be null: the public key is then derived from the
   * private one. Throws IllegalArgumentException with a message free of key material.
   */
  public static RsaKeys fromPem(String privatePem, String publicPem) {
    RSAPrivateKey privateKey = Pem.privateKey(privatePem);
    RSAPublicKey publicKey = publicPem == null ? KeyPairs.publicOf(privateKey) : Pem.publicKey(publicPem);
    return new RsaKeys(privateKey, publicKey);
  }

  /** A fresh 2048-bit pair, kept in memory only. */
  public static RsaKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      return new RsaKeys((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is missing from this JDK", e);
    }
  }

  /**
   * The dev pair in {@code dataDir} ({@code jwt-private.pem}, {@code jwt-public.pem}, owner-only
   * where the file system supports POSIX permissions), generated on first use. Blocking.
   */
  public static RsaKeys loadOrGenerate(Path dataDir) {
    return fromPem(new DevKeyFiles(dataDir).loadOrGenerate(), null);
  }

  /**
   * The signing pair: the configured one, else the dev pair under {@code PROST_DATA_DIR}.
   * Blocking when it falls back to the files.
   *
   * @throws ConfigException when only {@code PROST_JWT_PUBLIC_KEY} is set: the issuer would
   *     sign with a key nobody verifies with
   */
  public static RsaKeys forIssuer(AuthConfig config) {
    if (config.privateKey() != null) {
      return new RsaKeys(config.privateKey(), config.publicKey());
    }
    if (config.publicKey() != null) {
      throw new ConfigException(AuthConfig.PRIVATE_KEY, "must be set when " + AuthConfig.PUBLIC_KEY
          + " is, to issue tokens");
    }
    return loadOrGenerate(config.dataDir());
  }

  public RSAPrivateKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** RFC 7638 JWK thumbprint of the public key (base64url SHA-256). */
  public String kid() {
    return kid;
  }

  public String privateKeyPem() {
    return Pem.encode(privateKey);
  }

  public String publicKeyPem() {
    return Pem.encode(publicKey);
  }

  @Override
  public String toString() {
    return "RsaKeys[kid=" + kid + "]";
  }
}
