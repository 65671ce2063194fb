package dev.prost.users;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds tokens an attacker (or a clock) would produce, to prove the service refuses them. */
final class TokenForge {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey privateKey;
  private final byte[] publicPem;

  TokenForge(Path dataDir) throws Exception {
    String pem = Files.readString(dataDir.resolve("jwt-private.pem"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    this.privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    this.publicPem = Files.readAllBytes(dataDir.resolve("jwt-public.pem"));
  }

  static JsonObject claims(UUID subject, String issuer, String audience, Instant expires) {
    return new JsonObject()
        .put("sub", subject.toString())
        .put("roles", new JsonArray().add("customer"))
        .put("iss", issuer)
        .put("aud", audience)
        .put("jti", UUID.randomUUID().toString())
        .put("iat", Instant.now().getEpochSecond())
        .put("exp", expires.getEpochSecond());
  }

  /** Signed with the service's real key. */
  String rs256(JsonObject claims, String kid) throws Exception {
    String signingInput = part(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", kid)) + "." + part(claims);
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(privateKey);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + URL.encodeToString(signature.sign());
  }

  static String none(JsonObject claims) {
    return part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + part(claims) + ".";
  }

  /** The algorithm-confusion attack: HMAC keyed with the public key the server publishes. */
  String hs256WithPublicKey(JsonObject claims, String kid) throws Exception {
    String signingInput = part(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid)) + "." + part(claims);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(publicPem, "HmacSHA256"));
    return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  static String tamper(String token) {
    String[] parts = token.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.put("roles", new JsonArray().add("admin"));
    return parts[0] + "." + part(claims) + "." + parts[2];
  }

  static String kidOf(String token) {
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    return new JsonObject(header).getString("kid");
  }

  private static String part(JsonObject json) {
    return URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
