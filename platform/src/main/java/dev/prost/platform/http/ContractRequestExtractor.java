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
 * (400 {@code validation}, see {@link UnstorableText}).
 *
 * <p>A JSON body is parsed here and only here: the parse travels on to the validator in a
 * {@link JsonBodyRequest}, and Vert.x's request body keeps it for a handler's
 * {@code ctx.body().asJsonObject()}.
 */
final class ContractRequestExtractor implements RequestExtractor {

  /** The contract operation of the request, for error mapping and metrics. */
  static final String OPERATION = "prost.operation";

  private static final RequestExtractor READ_BODY = RequestExtractor.withBodyHandler();

  /** A JSON body as parsed, with the media type its Content-Type chose; {@code json} may be null. */
  private record ParsedBody(MediaType mediaType, Object json) {}

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    ctx.put(OPERATION, operation);
    RequestBody spec = operation.getRequestBody();
    ParsedBody parsed;
    try {
      parsed = spec == null ? null : checkBody(ctx, spec);
    } catch (ProblemException e) {
      return Future.failedFuture(e);
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
      Future<ValidatableRequest> request = READ_BODY.extractValidatableRequest(ctx, operation);
      return parsed == null ? request : request.map(raw -> new JsonBodyRequest(raw, parsed.mediaType(), parsed.json()));
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

  /** The parsed JSON body, or null when there is none to parse. */
  private static ParsedBody checkBody(RoutingContext ctx, RequestBody spec) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      if (spec.isRequired()) {
        throw ProblemException.malformedBody("a request body is required");
      }
      return null;
    }
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    MediaType mediaType = DeclaredMediaType.of(spec, contentType);
    if (mediaType == null) {
      throw new ProblemException(Problem.of("unsupported-media-type", "Unsupported media type", 415,
          "Content-Type must be one of " + spec.getContent().keySet()));
    }
    if (!mediaType.getIdentifier().contains("json")) {
      return null;
    }
    Object json;
    try {
      json = parse(ctx, body);
    } catch (DecodeException e) {
      throw ProblemException.malformedBody("the body is not valid JSON");
    }
    UnstorableText.refuse(json);
    return new ParsedBody(mediaType, json);
  }

  /**
   * An object or an array is parsed through Vert.x's request body, which keeps the result: a
   * handler's {@code ctx.body().asJsonObject()} then answers this very instance.
   */
  private static Object parse(RoutingContext ctx, Buffer body) {
    try {
      return switch (firstByteOfJson(body)) {
        case '{' -> ctx.body().asJsonObject();
        case '[' -> ctx.body().asJsonArray();
        default -> Json.decodeValue(body);
      };
    } catch (ClassCastException e) {
      // not expected (the first token decides the type), but never a 500: parsed as it is
      return Json.decodeValue(body);
    }
  }

  private static int firstByteOfJson(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      byte b = body.getByte(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b;
      }
    }
    return -1;
  }
}
