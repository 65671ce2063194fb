package dev.prost.platform.auth.impl;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * RSA public keys as the JWKs our issuer publishes (RFC 7517/7518) and their RFC 7638
 * thumbprints. vertx-auth-jwt reads JWKs but neither writes them nor computes thumbprints.
 */
public final class Jwk {

  /** Smaller keys are refused wherever they come from (configuration, PEM files, a JWKS). */
  public static final int MIN_RSA_BITS = 2048;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Jwk() {}

  public static JsonObject toJson(RSAPublicKey key, String kid) {
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256");
    if (kid != null) {
      jwk.put("kid", kid);
    }
    return jwk.put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
  }

  public static RSAPublicKey rsaPublicKey(BigInteger modulus, BigInteger exponent) {
    if (modulus.bitLength() < MIN_RSA_BITS) {
      throw new IllegalArgumentException("RSA key of " + modulus.bitLength() + " bits; at least "
          + MIN_RSA_BITS + " required");
    }
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    } catch (GeneralSecurityException ex) {
      throw new IllegalArgumentException("not a usable RSA public key", ex);
    }
  }

  /**
   * RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order with no
   * whitespace, base64url. Derived from the key alone, so every process computes the same kid.
   */
  public static String thumbprint(RSAPublicKey key) {
    String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + unsigned(key.getModulus()) + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return BASE64URL.encodeToString(digest);
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
    }
  }

  /** A JWK integer: unsigned big-endian bytes, no leading zero octet (RFC 7518 §6.3.1). */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return BASE64URL.encodeToString(bytes);
  }
}
