package dev.prost.platform.auth.impl;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/** RSA public keys as JSON Web Keys (RFC 7517/7518) and their RFC 7638 thumbprints. */
public final class Jwk {

  /** Smaller keys are refused wherever they come from (configuration, PEM files, a JWKS). */
  public static final int MIN_RSA_BITS = 2048;

  private Jwk() {}

  public static JsonObject toJson(RSAPublicKey key, String kid) {
    return new JsonObject()
        .put("kty", "RSA")
        .put("use", "sig")
        .put("alg", "RS256")
        .put("kid", kid)
        .put("n", Base64Url.encodeUnsigned(key.getModulus()))
        .put("e", Base64Url.encodeUnsigned(key.getPublicExponent()));
  }

  /** The key of an RSA JWK, or an IllegalArgumentException saying why it is unusable. */
  public static RSAPublicKey fromJson(JsonObject jwk) {
    Object n = jwk.getValue("n");
    Object e = jwk.getValue("e");
    if (!(n instanceof String modulus) || !(e instanceof String exponent)) {
      throw new IllegalArgumentException("RSA JWK without n or e");
    }
    return rsaPublicKey(Base64Url.decodeUnsigned(modulus), Base64Url.decodeUnsigned(exponent));
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
    String canonical = "{\"e\":\"" + Base64Url.encodeUnsigned(key.getPublicExponent())
        + "\",\"kty\":\"RSA\",\"n\":\"" + Base64Url.encodeUnsigned(key.getModulus()) + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64Url.encode(digest);
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
    }
  }
}
