package dev.prost.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Server;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a service's contract once: its text, served as {@code /openapi.yaml}, and the
 * parsed contract the router validates requests with. Two things differ in the copy given to
 * the validator, never in the served text:
 * <ul>
 *   <li>vertx-openapi 5.0.x refuses a contract whose responses use a media type it cannot
 *   validate, {@code application/problem+json} among them (eclipse-vertx/vertx-openapi#95; a
 *   registry for such types is proposed in #118), although it never validates responses for
 *   a router. Prost contracts document their problem responses truthfully, so response
 *   {@code content} is removed;</li>
 *   <li>operations tagged {@value #PLATFORM_TAG} ({@code /health/live}, {@code /health/ready},
 *   {@code /metrics}, {@code /openapi.yaml}) are documented in every contract but served by
 *   {@link ServiceRouter} itself, so they are removed rather than routed to a service's handlers.</li>
 * </ul>
 */
final class ContractLoader {

  /** The tag of the operations every service serves through the platform, not its own handlers. */
  static final String PLATFORM_TAG = "platform";

  record Loaded(OpenAPIContract contract, Buffer text) {}

  private ContractLoader() {}

  static Future<Loaded> load(Vertx vertx, String path) {
    return vertx.fileSystem().readFile(path).compose(text -> parse(path, text)
        .map(ContractLoader::forValidation)
        .compose(json -> OpenAPIContract.from(vertx, json))
        .map(contract -> new Loaded(checked(path, contract), text)));
  }

  private static Future<JsonObject> parse(String path, Buffer text) {
    try {
      if (path.endsWith(".json")) {
        return Future.succeededFuture(text.toJsonObject());
      }
      return Future.succeededFuture(ContractDocument.fromYaml(text.toString(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException(path + ": not a readable contract", e));
    }
  }

  private static JsonObject forValidation(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : List.copyOf(paths.fieldNames())) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.copyOf(item.fieldNames())) {
        if (item.getValue(method) instanceof JsonObject operation) {
          if (operation.getJsonArray("tags", new JsonArray()).contains(PLATFORM_TAG)) {
            item.remove(method);
          } else {
            stripContent(operation.getJsonObject("responses"));
          }
        }
      }
      if (item.fieldNames().stream().noneMatch(key -> item.getValue(key) instanceof JsonObject)) {
        paths.remove(path);
      }
    }
    JsonObject components = contract.getJsonObject("components");
    if (components != null) {
      stripContent(components.getJsonObject("responses"));
    }
    return contract;
  }

  private static void stripContent(JsonObject responses) {
    if (responses == null) {
      return;
    }
    for (String code : responses.fieldNames()) {
      if (responses.getValue(code) instanceof JsonObject response) {
        response.remove("content");
      }
    }
  }

  private static OpenAPIContract checked(String path, OpenAPIContract contract) {
    for (Server server : contract.getServers()) {
      if (!server.getBasePath().isEmpty()) {
        // vertx-openapi 5.0.x routes by the path without the base path but finds path
        // parameters by the path with it: a base path would shift every path parameter
        throw new IllegalStateException(path + ": servers must not have a base path ("
            + server.getURL() + "); write the full path of each operation");
      }
    }
    return contract;
  }
}
