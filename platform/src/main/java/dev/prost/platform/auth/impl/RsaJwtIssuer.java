package dev.prost.platform.auth.impl;

import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.RsaKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@link JwtIssuer} on vertx-auth-jwt's {@code generateToken}, with the one signing key under its kid. */
public final class RsaJwtIssuer implements JwtIssuer {

  // iat and exp come from our clock (tests issue tokens in the past), so the library adds none
  private static final JWTOptions SIGNING = new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true);

  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final JWTAuth signer;
  private final JsonObject jwks;
  private final Clock clock;

  public RsaJwtIssuer(String issuer, String audience, Duration ttl, RsaKeys keys, List<RSAPublicKey> retired,
      Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.ttl = ttl;
    this.clock = clock;
    // JWTAuth.create only uses Vert.x to read a key store file, which we never configure
    this.signer = JWTAuth.create(null, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("RS256").setId(keys.kid()).setBuffer(keys.privateKeyPem())));
    JsonArray published = new JsonArray().add(Jwk.toJson(keys.publicKey(), keys.kid()));
    retired.stream().filter(key -> !Jwk.thumbprint(key).equals(keys.kid()))
        .forEach(key -> published.add(Jwk.toJson(key, Jwk.thumbprint(key))));
    this.jwks = new JsonObject().put("keys", published);
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
    return signer.generateToken(claims, SIGNING);
  }

  @Override
  public JsonObject jwks() {
    return jwks.copy();
  }
}
