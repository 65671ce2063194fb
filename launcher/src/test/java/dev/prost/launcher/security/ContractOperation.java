package dev.prost.launcher.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * One operation of a service's OpenAPI contract, as the security tests see it.
 *
 * @param bodySchema the {@code application/json} request body's schema, or null without a body
 * @param successStatuses the 2xx statuses the contract documents
 * @param authenticated whether the contract asks for a bearer token (its own or the document's {@code security})
 */
record ContractOperation(String service, String id, HttpMethod method, String path, List<Param> params,
    JsonObject bodySchema, Set<Integer> successStatuses, boolean authenticated) {

  record Param(String name, String in, boolean required, JsonObject schema) {}

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
