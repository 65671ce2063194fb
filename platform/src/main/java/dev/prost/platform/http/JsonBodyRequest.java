package dev.prost.platform.http;

import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.Map;

/**
 * A request to validate whose JSON body {@link ContractRequestExtractor} has parsed already:
 * {@link InlineRequestValidator} checks this value against the schema rather than parsing the
 * raw body again, and hands the very same instance on to the handlers. {@code mediaType} is the
 * operation's media type the Content-Type chose; {@code json} may be null (the body was the JSON
 * literal {@code null}).
 */
record JsonBodyRequest(ValidatableRequest raw, MediaType mediaType, Object json) implements ValidatableRequest {

  @Override
  public Map<String, RequestParameter> getCookies() {
    return raw.getCookies();
  }

  @Override
  public Map<String, RequestParameter> getHeaders() {
    return raw.getHeaders();
  }

  @Override
  public Map<String, RequestParameter> getPathParameters() {
    return raw.getPathParameters();
  }

  @Override
  public Map<String, RequestParameter> getQuery() {
    return raw.getQuery();
  }

  /** The raw body, as read. */
  @Override
  public RequestParameter getBody() {
    return raw.getBody();
  }

  @Override
  public String getContentType() {
    return raw.getContentType();
  }
}
