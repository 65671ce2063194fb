package dev.prost.platform.auth.impl;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.prost.platform.http.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A compact JWS split and decoded, before anything about it is trusted: exactly three
 * base64url parts, a JSON object header and payload. Failures carry a short reason and
 * never the token.
 *
 * @param signingInput the ASCII bytes the signature covers ({@code header.payload})
 */
public record CompactJws(JsonNode header, JsonNode payload, byte[] signingInput, byte[] signature) {

  /** Far above anything our issuer produces; refuses to spend time on garbage. */
  public static final int MAX_LENGTH = 8 * 1024;

  // duplicate members ("alg" twice) and trailing garbage are how parsers get told apart
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  public static CompactJws parse(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      throw malformed();
    }
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw malformed();
    }
    JsonNode header = object(token.substring(0, first));
    JsonNode payload = object(token.substring(first + 1, second));
    byte[] signature = bytes(token.substring(second + 1));
    if (signature.length == 0) {
      throw malformed();
    }
    return new CompactJws(header, payload, token.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature);
  }

  /** The header's {@code kid}, or null when absent; a non-string kid is malformed. */
  public String kid() {
    JsonNode kid = header.get("kid");
    if (kid == null) {
      return null;
    }
    if (!kid.isTextual() || kid.asText().isEmpty() || kid.asText().length() > 256) {
      throw malformed();
    }
    return kid.asText();
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

  private static byte[] bytes(String part) {
    try {
      return Base64Url.decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
  }

  private static ProblemException malformed() {
    return ProblemException.unauthorized("malformed token");
  }
}
