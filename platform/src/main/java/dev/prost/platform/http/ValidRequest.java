package dev.prost.platform.http;

import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;

/**
 * A request the contract accepted, as plain data behind vertx-openapi's public
 * {@link ValidatedRequest}: what Prost's own validation steps ({@link InlineRequestValidator},
 * {@link UuidPathShortcut}) hand to the handlers, without the library's implementation classes.
 */
record ValidRequest(Map<String, RequestParameter> cookies, Map<String, RequestParameter> headers,
    Map<String, RequestParameter> path, Map<String, RequestParameter> query, RequestParameter body)
    implements ValidatedRequest {

  private static final RequestParameter ABSENT = parameter(null);

  /** Only path parameters, no body. */
  static ValidRequest ofPath(Map<String, RequestParameter> path) {
    return new ValidRequest(Map.of(), Map.of(), path, Map.of(), ABSENT);
  }

  /** A validated value ({@code null} when the request omitted it); the interface derives the typed reads. */
  static RequestParameter parameter(Object value) {
    return () -> value;
  }

  @Override
  public Map<String, RequestParameter> getCookies() {
    return cookies;
  }

  @Override
  public Map<String, RequestParameter> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, RequestParameter> getPathParameters() {
    return path;
  }

  @Override
  public Map<String, RequestParameter> getQuery() {
    return query;
  }

  @Override
  public RequestParameter getBody() {
    return body;
  }
}
