package dev.prost.platform.auth.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RS256 public keys a verifier trusts at one moment, as the JWKs vertx-auth-jwt is built
 * from. Immutable: a key change is a new ring, which is how the verifier knows to rebuild its
 * library instance and drop its cache.
 *
 * @param anyKid true for configured keys: one key without {@code kid} that the library tries
 *     whatever kid a token names (the signature decides)
 * @param signatureLengths the byte length of an RS256 signature by each key
 */
public record KeyRing(List<JsonObject> jwks, Set<String> kids, boolean anyKid, Set<Integer> signatureLengths) {

  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

  public KeyRing {
    jwks = List.copyOf(jwks);
    kids = Set.copyOf(kids);
    signatureLengths = Set.copyOf(signatureLengths);
  }

  /** The configured key (for any kid) and retired ones (for their thumbprint). */
  public static KeyRing pinned(RSAPublicKey current, List<RSAPublicKey> retired) {
    List<JsonObject> jwks = new ArrayList<>(List.of(Jwk.toJson(current, null)));
    Set<String> kids = new HashSet<>();
    Set<Integer> lengths = new HashSet<>(Set.of(signatureLength(current)));
    for (RSAPublicKey key : retired) {
      if (!key.equals(current) && kids.add(Jwk.thumbprint(key))) {
        jwks.add(Jwk.toJson(key, Jwk.thumbprint(key)));
        lengths.add(signatureLength(key));
      }
    }
    return new KeyRing(jwks, kids, true, lengths);
  }

  /**
   * The usable keys of a JWKS document (RFC 7517 §5): RSA, with a kid, for signing with RS256,
   * at least 2048 bits. Others are skipped; a document left with none is an error, so that a
   * broken answer never replaces a working ring.
   */
  public static KeyRing fromJwks(JsonObject document) {
    if (document == null || !(document.getValue("keys") instanceof JsonArray entries)) {
      throw new IllegalStateException("not a JWKS document");
    }
    List<JsonObject> jwks = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    Set<Integer> lengths = new HashSet<>();
    for (Object entry : entries) {
      if (!(entry instanceof JsonObject jwk) || !"RSA".equals(jwk.getValue("kty"))
          || !(jwk.getValue("kid") instanceof String kid) || !isAbsentOr(jwk, "use", "sig")
          || !isAbsentOr(jwk, "alg", "RS256")) {
        continue;
      }
      try {
        RSAPublicKey key = Jwk.rsaPublicKey(unsigned(jwk, "n"), unsigned(jwk, "e"));
        // re-encoded, so the library gets exactly the members it needs and alg is explicit
        jwks.add(Jwk.toJson(key, kid));
        kids.add(kid);
        lengths.add(signatureLength(key));
      } catch (IllegalArgumentException e) {
        log.warn("JWKS key {} skipped: {}", kid, e.getMessage());
      }
    }
    if (jwks.isEmpty()) {
      throw new IllegalStateException("JWKS holds no usable RS256 key");
    }
    return new KeyRing(jwks, kids, false, lengths);
  }

  public boolean knows(String kid) {
    return anyKid || kids.contains(kid);
  }

  private static int signatureLength(RSAPublicKey key) {
    return (key.getModulus().bitLength() + 7) / 8;
  }

  private static BigInteger unsigned(JsonObject jwk, String member) {
    if (!(jwk.getValue(member) instanceof String text)) {
      throw new IllegalArgumentException("RSA JWK without " + member);
    }
    return new BigInteger(1, Base64.getUrlDecoder().decode(text));
  }

  private static boolean isAbsentOr(JsonObject jwk, String member, String expected) {
    Object value = jwk.getValue(member);
    return value == null || expected.equals(value);
  }
}
