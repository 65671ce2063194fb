package dev.prost.platform.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.validation.ValidatableRequest;

/**
 * Hands the request, already read by the {@code BodyHandler}, to the contract validator,
 * after answering the body problems the validator reports too vaguely to map: a missing
 * required body or an unparsable JSON body (400 {@code malformed-body}) and a body whose
 * Content-Type the operation does not accept (415). vertx-openapi reports both as a
 * {@code ValidatorException} whose only distinguishing mark is its message text. It also
 * refuses a JSON string holding U+0000 or a lone surrogate, which no contract can express
 * (400 {@code validation}).
 */
final class ContractRequestExtractor implements RequestExtractor {

  /** The contract operation of the request, for error mapping and metrics. */
  static final String OPERATION = "prost.operation";

  private static final RequestExtractor READ_BODY = RequestExtractor.withBodyHandler();

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    ctx.put(OPERATION, operation);
    RequestBody spec = operation.getRequestBody();
    if (spec != null) {
      try {
        checkBody(ctx, spec);
      } catch (ProblemException e) {
        return Future.failedFuture(e);
      }
    }
    MultiMap params = null;
    List<Map.Entry<String, String>> decoded = List.of();
    try {
      params = ctx.request().params();
      decoded = List.copyOf(params.entries());
      // vertx-openapi 5.0.7 URL-decodes query values that Vert.x has already decoded: a
      // search for "%" would fail and "%2B" would turn into a space. Handing it the values
      // encoded once more makes its second decode the identity.
      params.clear();
      for (Map.Entry<String, String> e : decoded) {
        params.add(e.getKey(), URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
      return READ_BODY.extractValidatableRequest(ctx, operation);
    } catch (IllegalArgumentException e) {
      // Netty's query string decoder rejects a malformed %-escape while the query is read
      return Future.failedFuture(new ProblemException(
          Problem.of("bad-request", "Bad request", 400, "the query string cannot be decoded")));
    } finally {
      // the query is read synchronously above; handlers see Vert.x's own decoded values again
      if (params != null) {
        params.clear();
        for (Map.Entry<String, String> e : decoded) {
          params.add(e.getKey(), e.getValue());
        }
      }
    }
  }

  private static void checkBody(RoutingContext ctx, RequestBody spec) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      if (spec.isRequired()) {
        throw ProblemException.malformedBody("a request body is required");
      }
      return;
    }
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    MediaType mediaType = spec.determineContentType(contentType);
    if (mediaType == null) {
      throw new ProblemException(Problem.of("unsupported-media-type", "Unsupported media type", 415,
          "Content-Type must be one of " + spec.getContent().keySet()));
    }
    if (mediaType.getIdentifier().contains("json")) {
      Object json;
      try {
        // parsed once more by the validator; a body is at most the body limit, so this is cheap
        json = Json.decodeValue(body);
      } catch (DecodeException e) {
        throw ProblemException.malformedBody("the body is not valid JSON");
      }
      refuseUnstorableText(json, "");
    }
  }

  /**
   * PostgreSQL text cannot hold U+0000 nor half of a surrogate pair (neither has a UTF-8 form),
   * and no field of the API has a use for them: refused here, named like a schema failure,
   * rather than met as a database error (a 500) in a handler, or downstream in a consumer of an
   * event that carried the text on.
   */
  private static void refuseUnstorableText(Object value, String path) {
    if (value instanceof String text) {
      String problem = unstorable(text);
      if (problem != null) {
        throw ProblemException.invalidField(path.isEmpty() ? "body" : path, problem);
      }
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> member : object) {
        refuseUnstorableText(member.getKey(), path);
        refuseUnstorableText(member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey());
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        refuseUnstorableText(array.getValue(i), path + "[" + i + "]");
      }
    }
  }

  private static String unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return "must not contain the NUL character";
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be well-formed Unicode (it holds half a surrogate pair)";
      }
    }
    return null;
  }
}
