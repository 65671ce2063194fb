package dev.prost.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Server;
import io.vertx.openapi.impl.Utils;
import java.nio.charset.StandardCharsets;

/**
 * Reads a service's contract once: its text, served as {@code /openapi.yaml}, and the
 * parsed contract the router validates requests with.
 *
 * <p>vertx-openapi 5.0.x refuses a contract whose responses use a media type it cannot
 * validate, {@code application/problem+json} among them, although it never validates
 * responses for a router. Prost contracts document their problem responses truthfully, so
 * the copy given to the validator has its response {@code content} removed; the served
 * text is the contract as written.
 */
final class ContractLoader {

  record Loaded(OpenAPIContract contract, Buffer text) {}

  private ContractLoader() {}

  static Future<Loaded> load(Vertx vertx, String path) {
    return vertx.fileSystem().readFile(path).compose(text -> parse(path, text)
        .map(ContractLoader::withoutResponseContent)
        .compose(json -> OpenAPIContract.from(vertx, json))
        .map(contract -> new Loaded(checked(path, contract), text)));
  }

  private static Future<JsonObject> parse(String path, Buffer text) {
    if (path.endsWith(".json")) {
      return Future.succeededFuture(text.toJsonObject());
    }
    // the same YAML reading OpenAPIContract.from(vertx, path) does (dates, integer keys)
    return Utils.yamlStringToJson(text.toString(StandardCharsets.UTF_8));
  }

  private static JsonObject withoutResponseContent(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) {
          stripContent(operation.getJsonObject("responses"));
        }
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
