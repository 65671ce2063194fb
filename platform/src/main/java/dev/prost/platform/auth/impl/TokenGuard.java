package dev.prost.platform.auth.impl;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.prost.platform.auth.AuthenticationException;
import java.io.IOException;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * What a token must be before vertx-auth-jwt sees it. The library is lenient where we are
 * not: it takes padded and non-canonical base64url, duplicate JSON members, any {@code alg}
 * a key is loaded for, {@code crit} headers, and throws (instead of refusing) on claims of the
 * wrong type. Failures carry a short reason and never the token.
 *
 * @param kid the header's key id, or null when absent
 * @param signatureLength the decoded signature's byte length
 * @param exp the {@code exp} claim, required
 */
public record TokenGuard(String kid, int signatureLength, long exp) {

  /** Far above anything our issuer produces; refuses to spend time on garbage. */
  public static final int MAX_LENGTH = 8 * 1024;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  // duplicate members ("alg" twice) and trailing garbage are how parsers get told apart
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  public static TokenGuard check(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      throw malformed();
    }
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw malformed();
    }
    JsonNode header = object(token.substring(0, first));
    JsonNode claims = object(token.substring(first + 1, second));
    byte[] signature = bytes(token.substring(second + 1));
    if (signature.length == 0) {
      throw malformed();
    }
    checkHeader(header);
    return new TokenGuard(kid(header), signature.length, checkClaimTypes(claims));
  }

  private static void checkHeader(JsonNode header) {
    JsonNode alg = header.get("alg");
    if (alg == null) {
      throw reject("missing alg");
    }
    // exact match: not "rs256", not RS512, never none or an HMAC that a public key could key
    if (!alg.isTextual() || !"RS256".equals(alg.asText())) {
      throw reject("unsupported alg");
    }
    // RFC 7515 §4.1.11: extensions we do not understand must not be ignored
    if (header.has("crit")) {
      throw reject("unsupported crit header");
    }
    JsonNode typ = header.get("typ");
    if (typ != null && !(typ.isTextual() && "JWT".equalsIgnoreCase(typ.asText()))) {
      throw reject("unsupported typ");
    }
  }

  private static String kid(JsonNode header) {
    JsonNode kid = header.get("kid");
    if (kid == null) {
      return null;
    }
    if (!kid.isTextual() || kid.asText().isEmpty() || kid.asText().length() > 256) {
      throw malformed();
    }
    return kid.asText();
  }

  /** The library reads these with casts; a wrong type must be a refusal, not an exception. */
  private static long checkClaimTypes(JsonNode claims) {
    JsonNode exp = claims.get("exp");
    if (exp == null) {
      throw reject("missing exp");
    }
    if (!exp.isNumber()) {
      throw reject("invalid exp");
    }
    if (isNot(claims.get("nbf"), JsonNode::isNumber)) {
      throw reject("token not yet valid");
    }
    if (isNot(claims.get("iat"), JsonNode::isNumber)) {
      throw reject("invalid iat");
    }
    if (isNot(claims.get("iss"), JsonNode::isTextual)) {
      throw reject("wrong issuer");
    }
    if (isNot(claims.get("aud"), aud -> aud.isTextual() || aud.isArray())) {
      throw reject("wrong audience");
    }
    // every token our issuer signs has one; a deny list of revoked tokens would key on it
    JsonNode jti = claims.get("jti");
    if (jti == null || !jti.isTextual() || jti.asText().isEmpty()) {
      throw reject("missing jti");
    }
    return exp.asLong();
  }

  private static boolean isNot(JsonNode value, Predicate<JsonNode> type) {
    return value != null && !type.test(value);
  }

  private static JsonNode object(String part) {
    try {
      JsonNode node = JSON.readTree(bytes(part));
      if (node == null || !node.isObject()) {
        throw malformed();
      }
      return node;
    } catch (IOException e) {
      throw malformed();
    }
  }

  /**
   * Canonical unpadded base64url only. The JDK (and so the library) also takes padding and
   * ignores the unused low bits of the last character, so "...A" and "...B" would decode
   * alike; a token that verifies must have exactly one spelling, or the verified-token cache
   * (keyed by the token text) and any deny list could be sidestepped.
   */
  private static byte[] bytes(String part) {
    try {
      if (part.indexOf('=') >= 0) {
        throw malformed();
      }
      byte[] bytes = DECODER.decode(part);
      if (!ENCODER.encodeToString(bytes).equals(part)) {
        throw malformed();
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
  }

  private static AuthenticationException malformed() {
    return reject("malformed token");
  }

  private static AuthenticationException reject(String reason) {
    return AuthenticationException.unauthorized(reason);
  }
}
