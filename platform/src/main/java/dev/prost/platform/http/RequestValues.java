package dev.prost.platform.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Objects;

/**
 * What an operation's handlers read of a request once {@link ServiceRouter} validated it
 * against the contract: the body, path and query parameters, already of their schema's types.
 */
public final class RequestValues {

  private RequestValues() {}

  /** The request as validated against the contract; only inside an operation's handlers. */
  public static ValidatedRequest validated(RoutingContext ctx) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    if (request == null) {
      throw new IllegalStateException("no validated request: not a contract route, or validation has not run");
    }
    return request;
  }

  /** The validated JSON object body, or null when the operation has no body or it was omitted. */
  public static JsonObject body(RoutingContext ctx) {
    RequestParameter body = validated(ctx).getBody();
    return body == null || body.isNull() ? null : body.getJsonObject();
  }

  /**
   * A text field of a validated body, trimmed; null when absent. A value made only of
   * whitespace or control characters (the contract can only count characters) is a 400
   * naming the field, never stored as an empty name.
   */
  public static String text(JsonObject body, String field) {
    String value = body.getString(field);
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw ProblemException.invalidField(field, "must not be blank");
    }
    return trimmed;
  }

  /** A validated path parameter, as text (a UUID, say). */
  public static String pathParam(RoutingContext ctx, String name) {
    RequestParameter value = validated(ctx).getPathParameters().get(name);
    return value == null ? null : value.getString();
  }

  /**
   * A validated query parameter, already of its schema's type: {@code getInteger(20)},
   * {@code getString()}...; {@code isNull()} when the request omitted it.
   */
  public static RequestParameter queryParam(RoutingContext ctx, String name) {
    RequestParameter value = validated(ctx).getQuery().get(name);
    Objects.requireNonNull(value, () -> "query parameter " + name + " is not in the contract");
    return value;
  }
}
