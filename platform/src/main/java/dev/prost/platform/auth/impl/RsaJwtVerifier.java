package dev.prost.platform.auth.impl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.Principal;
import dev.prost.platform.http.ProblemException;
import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link JwtVerifier} with the rules pinned: RS256 only, key from the {@link KeySource} only
 * ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c} are never read), signature before
 * claims, then {@code exp} (required), {@code nbf}, {@code iss}, {@code aud}, {@code sub}
 * and {@code roles}.
 */
public final class RsaJwtVerifier implements JwtVerifier {

  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final KeySource keys;
  private final String issuer;
  private final String audience;
  private final long skewSeconds;
  private final Clock clock;

  public RsaJwtVerifier(KeySource keys, String issuer, String audience, Duration skew, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.skewSeconds = skew.toSeconds();
    this.clock = clock;
  }

  @Override
  public Future<Principal> verify(String compactToken) {
    CompactJws jws;
    String kid;
    try {
      jws = CompactJws.parse(compactToken);
      checkHeader(jws.header());
      kid = jws.kid();
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    // the header is vetted before any key lookup: alg=none must not even cost a JWKS read
    return keys.key(kid).map(key -> {
      checkSignature(jws, key);
      return principal(jws.payload());
    });
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

  private static void checkSignature(CompactJws jws, RSAPublicKey key) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update(jws.signingInput());
      if (!signature.verify(jws.signature())) {
        throw reject("invalid signature");
      }
    } catch (GeneralSecurityException e) {
      // e.g. a signature of the wrong length for the key
      throw reject("invalid signature");
    }
  }

  private Principal principal(JsonNode claims) {
    long now = clock.instant().getEpochSecond();
    JsonNode exp = claims.get("exp");
    if (exp == null) {
      throw reject("missing exp");
    }
    if (!exp.isNumber()) {
      throw reject("invalid exp");
    }
    if (now - skewSeconds >= exp.asLong()) {
      throw reject("token expired");
    }
    JsonNode nbf = claims.get("nbf");
    if (nbf != null && (!nbf.isNumber() || now + skewSeconds < nbf.asLong())) {
      throw reject("token not yet valid");
    }
    if (!text(claims, "iss").equals(issuer)) {
      throw reject("wrong issuer");
    }
    if (!audienceMatches(claims.get("aud"))) {
      throw reject("wrong audience");
    }
    String sub = text(claims, "sub");
    if (!UUID_TEXT.matcher(sub).matches()) {
      throw reject("invalid sub");
    }
    return new Principal(UUID.fromString(sub), roles(claims.get("roles")));
  }

  private boolean audienceMatches(JsonNode aud) {
    if (aud != null && aud.isTextual()) {
      return aud.asText().equals(audience);
    }
    if (aud != null && aud.isArray()) {
      for (JsonNode entry : aud) {
        if (entry.isTextual() && entry.asText().equals(audience)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> roles(JsonNode roles) {
    if (roles == null || !roles.isArray()) {
      throw reject("invalid roles");
    }
    Set<String> result = new HashSet<>();
    for (JsonNode role : roles) {
      if (!role.isTextual()) {
        throw reject("invalid roles");
      }
      result.add(role.asText());
    }
    return result;
  }

  /** A string claim, or "" when absent or of another type (no accepted value is empty). */
  private static String text(JsonNode claims, String name) {
    JsonNode value = claims.get(name);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  private static ProblemException reject(String reason) {
    return ProblemException.unauthorized(reason);
  }
}
