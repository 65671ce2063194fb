package dev.prost.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ApplicationJsonAnalyser;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vertx-openapi's request validator without its hop to the worker pool. The stock one runs
 * every validation in an <em>ordered</em> {@code executeBlocking}, so all requests of an
 * event loop queue behind each other on one worker thread; checking a few parameters and a
 * body of at most the body limit against a compiled schema takes microseconds, so Prost does
 * it in place. The loop is the stock one's, unchanged.
 *
 * <p>The one class of the HTTP layer built on a Vert.x implementation class: vertx-openapi 5.0.x
 * offers no public way to validate a request synchronously ({@code RequestValidator} answers a
 * {@code Future} completed on the worker pool), and re-implementing its parameter and body checks
 * would fork the error messages {@link ValidationProblems} reads. Upstream: no issue in
 * eclipse-vertx/vertx-openapi asks for it yet (its issues were searched; one asking for a
 * synchronous {@code validate} is to be filed). Replace this class by the public
 * {@code RequestValidator.create} once validation can run on the caller's thread; it answers
 * plain data ({@link ValidRequest}), so nothing else depends on the library's internals.
 *
 * <p>One step differs from the stock loop: a JSON body that {@link ContractRequestExtractor}
 * parsed already ({@link JsonBodyRequest}) is checked against its schema as it is, not parsed
 * again from the raw bytes; the handlers get that same value.
 */
final class InlineRequestValidator extends RequestValidatorImpl {

  private static final Logger log = LoggerFactory.getLogger(InlineRequestValidator.class);

  private final OpenAPIContract contract;

  /** {@code contract} should come through {@link CachedSchemaValidators#wrap}. */
  InlineRequestValidator(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
    this.contract = contract;
  }

  @Override
  public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
    Operation operation = contract.operation(operationId);
    return operation == null
        ? Future.failedFuture(ValidatorException.createOperationIdInvalid(operationId))
        : validate(request, operation);
  }

  /** Validates against an operation at hand, without looking it up by id. */
  Future<ValidatedRequest> validate(ValidatableRequest request, Operation operation) {
    try {
      return Future.succeededFuture(validateNow(operation, request));
    } catch (ValidatorException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      // vertx-json-schema 5.0.7 throws on some values instead of refusing them (its e-mail format
      // reads the first character of ""): a value the validator cannot check is not a valid one
      log.warn("{}: the validator threw on a request; refused as invalid", operation.getOperationId(), e);
      return Future.failedFuture(new ProblemException(Problem.of("validation", "Invalid request", 400,
          "the request does not satisfy the contract")));
    }
  }

  private ValidatedRequest validateNow(Operation operation, ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter param : operation.getParameters()) {
      switch (param.getIn()) {
        case COOKIE -> cookies.put(param.getName(), validateParameter(param, request.getCookies().get(param.getName())));
        case HEADER -> headers.put(param.getName(), validateParameter(param, request.getHeaders().get(param.getName())));
        case PATH -> path.put(param.getName(), validateParameter(param, request.getPathParameters().get(param.getName())));
        case QUERY -> query.put(param.getName(), validateParameter(param, request.getQuery().get(param.getName())));
        default -> { }
      }
    }
    RequestParameter body = request instanceof JsonBodyRequest parsed && checksAsParsed(parsed)
        ? validateParsedBody(parsed)
        : validateBody(operation.getRequestBody(), request);
    return new ValidRequest(cookies, headers, path, query, body);
  }

  /** Where the stock {@code validateBody} would parse the bytes as JSON and check them against a schema. */
  private boolean checksAsParsed(JsonBodyRequest request) {
    MediaType mediaType = request.mediaType();
    return ContentAnalyser.getContentAnalyser(mediaType, request.getContentType(), null, ValidationContext.REQUEST)
        instanceof ApplicationJsonAnalyser && isSchemaValidationRequired(mediaType);
  }

  /** The stock body check after its parse, with the extractor's parse: same outcome, same exceptions. */
  private RequestParameter validateParsedBody(JsonBodyRequest request) {
    OutputUnit result = contract.getSchemaRepository().validator(request.mediaType().getSchema()).validate(request.json());
    try {
      result.checkValidity();
      return ValidRequest.parameter(request.json());
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
    }
  }
}
