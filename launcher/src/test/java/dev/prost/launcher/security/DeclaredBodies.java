package dev.prost.launcher.security;

import dev.prost.platform.testing.ResponseSchemas;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 2xx JSON answer checked against the schema its operation declares for it, so that a
 * contract which drifted from what its service sends (an enum missing a value the service
 * answers, a required member it leaves out) fails rather than misleads a generated client.
 */
final class DeclaredBodies {

  private static final Map<String, ResponseSchemas> SCHEMAS = new ConcurrentHashMap<>();

  private DeclaredBodies() {}

  /** Empty unless the answer is a 2xx application/json body its operation's schema refuses. */
  static List<String> mismatches(String what, ContractOperation op, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String contentType = response.getHeader("Content-Type");
    if (status / 100 != 2 || contentType == null || !contentType.startsWith("application/json")) {
      return List.of();
    }
    Object body;
    try {
      body = Json.decodeValue(response.body());
    } catch (DecodeException e) {
      return List.of(what + ": " + status + " body is not JSON: " + Answers.excerpt(response));
    }
    ResponseSchemas schemas = SCHEMAS.computeIfAbsent(op.service(), s -> ResponseSchemas.of("openapi/" + s + ".yaml"));
    return schemas.violations(op.id(), status, body).stream().map(v -> what + ": " + v).toList();
  }
}
