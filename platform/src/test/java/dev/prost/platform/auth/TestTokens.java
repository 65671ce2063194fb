package dev.prost.platform.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made tokens, including the hostile ones a real issuer would never produce. */
final class TestTokens {

  static final String ISSUER = "prost";
  static final String AUDIENCE = "prost-api";

  private TestTokens() {}

  static JsonObject header(String alg, String kid) {
    JsonObject header = new JsonObject().put("alg", alg).put("typ", "JWT");
    return kid == null ? header : header.put("kid", kid);
  }

  /** Claims our verifier accepts, valid for ten minutes from now. */
  static JsonObject claims(UUID subject, String... roles) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject()
        .put("sub", subject.toString())
        .put("roles", new JsonArray(java.util.List.of((Object[]) roles)))
        .put("iss", ISSUER)
        .put("aud", AUDIENCE)
        .put("jti", UUID.randomUUID().toString())
        .put("iat", now)
        .put("exp", now + 600);
  }

  static String rs256(PrivateKey key, JsonObject header, JsonObject claims) {
    return signed("SHA256withRSA", key, header, claims);
  }

  /** Signed with any JCA algorithm, e.g. SHA512withRSA for an honest RS512 token. */
  static String signed(String jcaAlgorithm, PrivateKey key, JsonObject header, JsonObject claims) {
    String input = part(header) + "." + part(claims);
    try {
      Signature signature = Signature.getInstance(jcaAlgorithm);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256 with an arbitrary secret: the algorithm-confusion attack when it is a public key. */
  static String hs256(byte[] secret, JsonObject header, JsonObject claims) {
    String input = part(header) + "." + part(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String part(JsonObject json) {
    return b64(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  static String part(String rawJson) {
    return b64(rawJson.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static JsonObject decodePart(String token, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
  }
}
