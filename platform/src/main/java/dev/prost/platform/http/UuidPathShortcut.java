package dev.prost.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hot reads (a product, an order, a checkout by id) take nothing but a UUID in the
 * path. For such an operation a canonical UUID is accepted without running the schema
 * machinery; anything else still goes through full validation, so errors read the same.
 */
final class UuidPathShortcut {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final List<String> names;

  private UuidPathShortcut(List<String> names) {
    this.names = names;
  }

  /** The shortcut for an operation whose only inputs are UUID path parameters, else null. */
  static UuidPathShortcut of(Operation operation) {
    if (operation.getRequestBody() != null || operation.getParameters().isEmpty()) {
      return null;
    }
    for (Parameter p : operation.getParameters()) {
      Set<String> keywords = p.getSchema().fieldNames();
      boolean plainUuid = p.getIn() == Location.PATH && "string".equals(p.getSchema().get("type"))
          && "uuid".equals(p.getSchema().get("format")) && Set.of("type", "format").containsAll(keywords);
      if (!plainUuid) {
        return null;
      }
    }
    return new UuidPathShortcut(operation.getParameters().stream().map(Parameter::getName).toList());
  }

  /** The validated request when every parameter is a canonical UUID; null to validate fully. */
  ValidatedRequest tryValidate(RoutingContext ctx) {
    Map<String, RequestParameter> path = new HashMap<>();
    for (String name : names) {
      String value = ctx.pathParam(name);
      if (value == null || !UUID_TEXT.matcher(value).matches()) {
        return null;
      }
      path.put(name, ValidRequest.parameter(value));
    }
    return ValidRequest.ofPath(path);
  }
}
