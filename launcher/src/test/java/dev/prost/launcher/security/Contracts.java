package dev.prost.launcher.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of the four services' OpenAPI contracts (read from the service jars on the
 * class path), so that the security tests enumerate endpoints from the contracts rather than
 * from a list that could fall behind them.
 */
final class Contracts {

  static final List<String> SERVICES = List.of("users", "catalog", "cart", "orders");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final List<ContractOperation> ALL = load();

  private Contracts() {}

  /** The services' own operations, without those the platform serves in every service. */
  static List<ContractOperation> operations() {
    return ALL.stream().filter(op -> !op.platform()).toList();
  }

  /** {@code /health/live}, {@code /health/ready}, {@code /metrics} and {@code /openapi.yaml} of each contract. */
  static List<ContractOperation> platformOperations() {
    return ALL.stream().filter(ContractOperation::platform).toList();
  }

  static List<ContractOperation> authenticated() {
    return operations().stream().filter(ContractOperation::authenticated).toList();
  }

  static List<ContractOperation> withJsonBody() {
    return operations().stream().filter(ContractOperation::hasJsonBody).toList();
  }

  static ContractOperation operation(String id) {
    return operations().stream().filter(op -> op.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation " + id + " in the contracts"));
  }

  private static List<ContractOperation> load() {
    List<ContractOperation> operations = new ArrayList<>();
    for (String service : SERVICES) {
      JsonObject contract = read("openapi/" + service + ".yaml");
      boolean securedByDefault = !contract.getJsonArray("security", new JsonArray()).isEmpty();
      JsonObject paths = contract.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        JsonObject item = paths.getJsonObject(path);
        List<ContractOperation.Param> shared = params(item.getJsonArray("parameters", new JsonArray()));
        for (String method : item.fieldNames()) {
          if (!METHODS.contains(method)) {
            continue;
          }
          JsonObject op = item.getJsonObject(method);
          List<ContractOperation.Param> params = new ArrayList<>(shared);
          params.addAll(params(op.getJsonArray("parameters", new JsonArray())));
          JsonArray security = op.getJsonArray("security");
          operations.add(new ContractOperation(service, op.getString("operationId"),
              HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path, List.copyOf(params),
              bodySchema(contract, op), responses(contract, op),
              security == null ? securedByDefault : !security.isEmpty(),
              op.getJsonArray("tags", new JsonArray()).contains("platform")));
        }
      }
    }
    return List.copyOf(operations);
  }

  private static List<ContractOperation.Param> params(JsonArray list) {
    List<ContractOperation.Param> params = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject p = list.getJsonObject(i);
      params.add(new ContractOperation.Param(p.getString("name"), p.getString("in"), p.getBoolean("required", false),
          p.getJsonObject("schema", new JsonObject())));
    }
    return params;
  }

  private static JsonObject bodySchema(JsonObject contract, JsonObject op) {
    JsonObject body = op.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    JsonObject json = body.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    return json == null ? null : resolve(contract, json.getJsonObject("schema"));
  }

  private static JsonObject resolve(JsonObject contract, JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null) {
      return schema;
    }
    JsonObject target = contract;
    for (String segment : ref.replaceFirst("^#/", "").split("/")) {
      target = target.getJsonObject(segment);
    }
    return resolve(contract, target);
  }

  private static Map<Integer, Set<String>> responses(JsonObject contract, JsonObject op) {
    Map<Integer, Set<String>> responses = new TreeMap<>();
    JsonObject declared = op.getJsonObject("responses");
    for (String code : declared.fieldNames()) {
      JsonObject response = resolve(contract, declared.getJsonObject(code));
      responses.put(Integer.parseInt(code), Set.copyOf(response.getJsonObject("content", new JsonObject()).fieldNames()));
    }
    return Collections.unmodifiableMap(responses);
  }

  private static JsonObject read(String resource) {
    try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Map<String, Object> yaml = new Yaml().load(in);
      return new JsonObject(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
