package dev.prost.platform.testing;

import dev.prost.platform.http.ContractDocument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A service contract's declared answers, as schemas a JSON body can be checked against with
 * the schema library the platform's request validation uses (vertx-json-schema, draft
 * 2020-12, as OpenAPI 3.1 says). Requests are validated by the router; answers are not, so
 * without this a document could drift from what the service sends (an order history's state
 * the enum lacks) and nothing would fail.
 */
public final class ResponseSchemas {

  private final String base;
  private final JsonObject contract;
  private final SchemaRepository repository;
  private final JsonSchemaOptions options;

  private ResponseSchemas(String base, JsonObject contract) {
    this.base = base;
    this.contract = contract;
    this.options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(base)
        .setOutputFormat(OutputFormat.Basic);
    this.repository = SchemaRepository.create(options).dereference(base, JsonSchema.of(contract.copy()));
  }

  /** The contract at {@code resource} on the class path, e.g. {@code openapi/orders.yaml}. */
  public static ResponseSchemas of(String resource) {
    try (InputStream in = ResponseSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no " + resource + " on the class path");
      }
      return new ResponseSchemas("https://prost.dev/contracts/" + resource,
          ContractDocument.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document itself, as JSON (response codes as text keys). */
  public JsonObject contract() {
    return contract;
  }

  /** A component schema, e.g. {@code Status}. */
  public JsonObject component(String name) {
    return contract.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }

  /**
   * What is wrong with {@code body} as the application/json answer {@code status} of the
   * operation; empty when it matches. An undeclared status or media type is a violation too.
   */
  public List<String> violations(String operationId, int status, Object body) {
    JsonObject response = resolved(operation(operationId).getJsonObject("responses")
        .getJsonObject(String.valueOf(status)));
    if (response == null || response.getJsonObject("content") == null
        || response.getJsonObject("content").getJsonObject("application/json") == null) {
      return List.of(operationId + ": no application/json answer " + status + " declared");
    }
    JsonObject schema = absoluteRefs(response.getJsonObject("content").getJsonObject("application/json")
        .getJsonObject("schema"));
    OutputUnit result = repository.validator(JsonSchema.of(schema), options).validate(body);
    List<String> found = new ArrayList<>();
    if (!Boolean.TRUE.equals(result.getValid())) {
      List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
      errors.forEach(e -> found.add(operationId + " " + status + ": " + e.getInstanceLocation() + " "
          + e.getError() + " (" + e.getKeywordLocation() + ")"));
    }
    return found;
  }

  // a response written as a reference to components/responses
  private JsonObject resolved(JsonObject node) {
    if (node == null || !(node.getValue("$ref") instanceof String ref) || !ref.startsWith("#/")) {
      return node;
    }
    JsonObject target = contract;
    for (String segment : ref.substring(2).split("/")) {
      target = target.getJsonObject(segment.replace("~1", "/").replace("~0", "~"));
    }
    return resolved(target);
  }

  private JsonObject operation(String operationId) {
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && operationId.equals(op.getString("operationId"))) {
          return op;
        }
      }
    }
    throw new IllegalArgumentException("no operation " + operationId + " in the orders contract");
  }

  // the schema is checked on its own: its references into the document must name the document
  private JsonObject absoluteRefs(JsonObject schema) {
    JsonObject copy = schema.copy();
    rewrite(copy);
    return copy;
  }

  private void rewrite(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("$ref") instanceof String ref && ref.startsWith("#")) {
        object.put("$ref", base + ref);
      }
      object.forEach(entry -> rewrite(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(this::rewrite);
    }
  }
}
