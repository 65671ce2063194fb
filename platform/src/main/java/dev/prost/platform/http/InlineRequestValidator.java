package dev.prost.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
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
    try {
      return Future.succeededFuture(validateNow(contract.operation(operationId), request));
    } catch (ValidatorException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      // vertx-json-schema 5.0.7 throws on some values instead of refusing them (its e-mail format
      // reads the first character of ""): a value the validator cannot check is not a valid one
      log.warn("{}: the validator threw on a request; refused as invalid", operationId, e);
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
    RequestParameter body = validateBody(operation.getRequestBody(), request);
    return new ValidRequest(cookies, headers, path, query, body);
  }
}
