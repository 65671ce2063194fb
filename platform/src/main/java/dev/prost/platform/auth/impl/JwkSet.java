package dev.prost.platform.auth.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the RS256 signing keys out of a JWKS document (RFC 7517 §5). */
final class JwkSet {

  private static final Logger log = LoggerFactory.getLogger(JwkSet.class);

  private JwkSet() {}

  /**
   * Keys by kid. Entries for other key types or uses, without a kid, or too small are
   * skipped; a set left with none is an error, so that a broken answer never empties a
   * working cache.
   */
  static Map<String, RSAPublicKey> parse(JsonObject jwks) {
    if (jwks == null || !(jwks.getValue("keys") instanceof JsonArray entries)) {
      throw new IllegalStateException("not a JWKS document");
    }
    Map<String, RSAPublicKey> keys = new HashMap<>();
    for (Object entry : entries) {
      if (!(entry instanceof JsonObject jwk)
          || !"RSA".equals(jwk.getValue("kty"))
          || !(jwk.getValue("kid") instanceof String kid)
          || !isAbsentOr(jwk, "use", "sig")
          || !isAbsentOr(jwk, "alg", "RS256")) {
        continue;
      }
      try {
        keys.put(kid, Jwk.fromJson(jwk));
      } catch (IllegalArgumentException e) {
        log.warn("JWKS key {} skipped: {}", kid, e.getMessage());
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException("JWKS holds no usable RS256 key");
    }
    return Map.copyOf(keys);
  }

  private static boolean isAbsentOr(JsonObject jwk, String member, String expected) {
    Object value = jwk.getValue(member);
    return value == null || expected.equals(value);
  }
}
