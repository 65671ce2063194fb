package dev.prost.launcher.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One operation of a service's OpenAPI contract, as the security tests see it.
 *
 * @param bodySchema the {@code application/json} request body's schema, or null without a body
 * @param responses every status the contract declares, each with the media types of its content
 *     (none for a response without a body)
 * @param authenticated whether the contract asks for a bearer token (its own or the document's {@code security})
 * @param platform whether the platform serves it in every service ({@code /health/*}, {@code /metrics},
 *     {@code /openapi.yaml}; tagged {@code platform}) rather than the service's own handlers
 */
record ContractOperation(String service, String id, HttpMethod method, String path, List<Param> params,
    JsonObject bodySchema, Map<Integer, Set<String>> responses, boolean authenticated, boolean platform) {

  record Param(String name, String in, boolean required, JsonObject schema) {}

  /** The 2xx statuses the contract declares. */
  Set<Integer> successStatuses() {
    Set<Integer> success = new TreeSet<>(responses.keySet());
    success.removeIf(status -> status / 100 != 2);
    return success;
  }

  boolean hasJsonBody() {
    return bodySchema != null;
  }

  /** The body's declared properties, in contract order (empty without a body). */
  List<String> bodyFields() {
    return bodySchema == null ? List.of() : List.copyOf(bodySchema.getJsonObject("properties", new JsonObject())
        .fieldNames());
  }

  List<Param> params(String in) {
    return params.stream().filter(p -> p.in().equals(in)).toList();
  }

  Target target() {
    return Target.service(service);
  }

  @Override
  public String toString() {
    return service + " " + id + " (" + method + " " + path + ")";
  }
}
