package dev.prost.platform.auth.impl;

import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@link JwtIssuer} on the JDK's SHA256withRSA. */
public final class RsaJwtIssuer implements JwtIssuer {

  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final RsaKeys keys;
  private final JsonObject jwks;
  private final Clock clock;
  // the header never changes, so it is encoded once
  private final String encodedHeader;

  public RsaJwtIssuer(String issuer, String audience, Duration ttl, RsaKeys keys, List<RSAPublicKey> retired,
      Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.ttl = ttl;
    this.keys = keys;
    this.clock = clock;
    JsonArray published = new JsonArray().add(Jwk.toJson(keys.publicKey(), keys.kid()));
    retired.stream().filter(key -> !Jwk.thumbprint(key).equals(keys.kid()))
        .forEach(key -> published.add(Jwk.toJson(key, Jwk.thumbprint(key))));
    this.jwks = new JsonObject().put("keys", published);
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", keys.kid());
    this.encodedHeader = Base64Url.encode(header.encode().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String issue(UUID subject, Set<String> roles) {
    long now = clock.instant().getEpochSecond();
    JsonObject claims = new JsonObject()
        .put("sub", subject.toString())
        .put("roles", new JsonArray(new ArrayList<>(new TreeSet<>(roles))))
        .put("iss", issuer)
        .put("aud", audience)
        .put("jti", UUID.randomUUID().toString())
        .put("iat", now)
        .put("exp", now + ttl.toSeconds());
    String signingInput = encodedHeader + "." + Base64Url.encode(claims.encode().getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + Base64Url.encode(sign(signingInput));
  }

  @Override
  public JsonObject jwks() {
    return jwks.copy();
  }

  private byte[] sign(String signingInput) {
    try {
      // Signature objects are stateful: one per token keeps the issuer thread-safe
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(keys.privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the configured RSA key", e);
    }
  }
}
