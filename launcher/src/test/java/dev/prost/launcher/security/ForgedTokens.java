package dev.prost.launcher.security;

import dev.prost.platform.auth.RsaKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens built by hand (base64url JSON, signed or not), each wrong in one way, as an
 * attacker holding a genuine token, the public key and a key of their own would build them.
 */
final class ForgedTokens {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final RsaKeys keys;
  private final RsaKeys attacker = RsaKeys.generate();
  private final String genuine;

  /** {@code genuine}: a customer token the users service issued with {@code keys}. */
  ForgedTokens(RsaKeys keys, String genuine) {
    this.keys = keys;
    this.genuine = genuine;
  }

  /** Every bad {@code Authorization} header value by name; null stands for no header at all. */
  Map<String, String> authorizationHeaders() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("no Authorization header", null);
    all.put("empty Authorization header", "");
    all.put("Bearer without a token", "Bearer");
    all.put("Bearer and blanks", "Bearer    ");
    all.put("token without Bearer", genuine);
    all.put("Basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
    all.put("other scheme", "Token " + genuine);
    all.put("two tokens", "Bearer " + genuine + " " + genuine);
    tokens().forEach((name, token) -> all.put(name, "Bearer " + token));
    return all;
  }

  /** Every bad token by name. */
  Map<String, String> tokens() {
    String[] parts = genuine.split("\\.");
    JsonObject header = json(parts[0]);
    JsonObject claims = json(parts[1]);
    Map<String, String> all = new LinkedHashMap<>();
    all.put("garbage", "garbage");
    all.put("three dots", "a.b.c");
    all.put("empty parts", "..");
    all.put("four parts", genuine + ".x");
    all.put("not base64", "!!!.???.***");
    all.put("tampered payload (roles admin)", parts[0] + "." + encode(claims.copy()
        .put("roles", new JsonArray().add("admin").add("customer"))) + "." + parts[2]);
    all.put("tampered payload (other subject)", parts[0] + "." + encode(claims.copy()
        .put("sub", UUID.randomUUID().toString())) + "." + parts[2]);
    all.put("tampered signature", parts[0] + "." + parts[1] + "." + flipMiddle(parts[2]));
    all.put("signature removed", parts[0] + "." + parts[1] + ".");
    all.put("expired", rs256(header, fresh(claims).put("iat", now() - 3600).put("exp", now() - 120), keys.privateKey()));
    all.put("not yet valid", rs256(header, fresh(claims).put("nbf", now() + 3600), keys.privateKey()));
    all.put("without exp", rs256(header, without(fresh(claims), "exp"), keys.privateKey()));
    all.put("wrong issuer", rs256(header, fresh(claims).put("iss", "https://evil.example"), keys.privateKey()));
    all.put("wrong audience", rs256(header, fresh(claims).put("aud", "another-api"), keys.privateKey()));
    all.put("subject not a UUID", rs256(header, fresh(claims).put("sub", "admin"), keys.privateKey()));
    all.put("roles not a list", rs256(header, fresh(claims).put("roles", "admin"), keys.privateKey()));
    all.put("unknown critical header", rs256(header.copy().put("crit", new JsonArray().add("exp")), fresh(claims),
        keys.privateKey()));
    all.put("alg none", unsigned("none", header, claims));
    all.put("alg NONE", unsigned("NONE", header, claims));
    all.put("alg none, signature kept", encode(header.copy().put("alg", "none")) + "." + parts[1] + "." + parts[2]);
    all.put("HS256 keyed with the public key PEM", hs256(header, claims, keys.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
    all.put("HS256 keyed with the public key DER", hs256(header, claims, keys.publicKey().getEncoded()));
    all.put("RS512 with the right key", sign("SHA512withRSA", header.copy().put("alg", "RS512"), fresh(claims),
        keys.privateKey()));
    all.put("another key, same kid", rs256(header, fresh(claims), attacker.privateKey()));
    all.put("another key, its own kid", rs256(header.copy().put("kid", attacker.kid()), fresh(claims),
        attacker.privateKey()));
    all.put("another key, embedded as jwk", rs256(header.copy().put("kid", attacker.kid()).put("jwk", new JsonObject()
        .put("kty", "RSA").put("kid", attacker.kid())
        .put("n", BASE64URL.encodeToString(magnitude(attacker.publicKey().getModulus().toByteArray())))
        .put("e", BASE64URL.encodeToString(attacker.publicKey().getPublicExponent().toByteArray()))), fresh(claims),
        attacker.privateKey()));
    all.put("another key, fetched from jku", rs256(header.copy().put("kid", attacker.kid())
        .put("jku", "http://127.0.0.1:1/jwks.json"), fresh(claims), attacker.privateKey()));
    return all;
  }

  private static JsonObject fresh(JsonObject genuineClaims) {
    return genuineClaims.copy().put("jti", UUID.randomUUID().toString()).put("iat", now())
        .put("exp", now() + 600);
  }

  private static JsonObject without(JsonObject json, String name) {
    json.remove(name);
    return json;
  }

  private static String rs256(JsonObject header, JsonObject claims, PrivateKey key) {
    return sign("SHA256withRSA", header.copy().put("alg", "RS256"), claims, key);
  }

  private static String sign(String algorithm, JsonObject header, JsonObject claims, PrivateKey key) {
    String input = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hs256(JsonObject header, JsonObject claims, byte[] secret) {
    String input = encode(header.copy().put("alg", "HS256")) + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(String alg, JsonObject header, JsonObject claims) {
    JsonObject none = header.copy().put("alg", alg);
    none.remove("kid");
    return encode(none) + "." + encode(claims) + ".";
  }

  // a character in the middle: the last one may only change bits the decoder ignores
  private static String flipMiddle(String signature) {
    int at = signature.length() / 2;
    char flipped = signature.charAt(at) == 'A' ? 'B' : 'A';
    return signature.substring(0, at) + flipped + signature.substring(at + 1);
  }

  private static byte[] magnitude(byte[] twosComplement) {
    return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String encode(JsonObject json) {
    return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject json(String part) {
    return new JsonObject(new String(DECODE.decode(part), StandardCharsets.UTF_8));
  }
}
