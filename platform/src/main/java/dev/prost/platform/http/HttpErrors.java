package dev.prost.platform.http;

import dev.prost.platform.auth.AuthenticationException;
import dev.prost.platform.failure.FailureClassifier;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP error handler of every Prost service: whatever failed, the client gets an
 * {@code application/problem+json} body (RFC 9457) and never an exception message or a
 * stack trace of an unexpected error. Install it as the failure handler of every route and
 * as the router's error handler for unmatched requests; {@link ServiceRouter} does both.
 */
public final class HttpErrors {

  public static final String PROBLEM_JSON = "application/problem+json";

  private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
  private static final Problem INTERNAL = Problem.of("internal", "Internal error", 500,
      "the request could not be completed; quote the instance when reporting it");
  private static final Problem UNAVAILABLE = Problem.of("service-unavailable", "Service unavailable", 503,
      "a dependency of the service failed for a moment (nothing was changed); try again shortly");

  private HttpErrors() {}

  /** For {@code router.route().failureHandler(...)}. */
  public static Handler<RoutingContext> failureHandler() {
    return ctx -> handle(ctx, 500);
  }

  /**
   * For {@code router.errorHandler(status, ...)}: the router calls it for a request no route
   * took (404, 405, 415) or a failure nothing handled, at times without recording the
   * status on the context (a 400 for an undecodable URL), hence the explicit status.
   */
  public static Handler<RoutingContext> errorHandler(int status) {
    return ctx -> handle(ctx, status);
  }

  /**
   * For {@code HttpServer.invalidRequestHandler(...)}: a request Vert.x cannot decode (a request
   * line or headers over the server's limits, a malformed request) never reaches the router, and
   * Vert.x's own handler answers it with an empty body. This one answers 414, 431 or 400 as a
   * problem, then closes the connection like Vert.x does: what follows on it cannot be trusted.
   */
  public static Handler<HttpServerRequest> invalidRequestHandler() {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      Problem problem = forStatus(cause instanceof TooLongHttpLineException ? 414
          : cause instanceof TooLongHttpHeaderException ? 431 : 400);
      request.response()
          .setStatusCode(problem.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(problem.toJson().encode())
          .onComplete(ignored -> request.connection().close());
    };
  }

  /** Ends the response with {@code problem}, tagged with the request's id as {@code instance}. */
  public static void send(RoutingContext ctx, Problem problem) {
    JsonObject body = problem.toJson();
    String requestId = RequestIds.of(ctx);
    if (requestId != null) {
      body.put("instance", "urn:uuid:" + requestId);
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  private static void handle(RoutingContext ctx, int fallbackStatus) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    Throwable failure = ctx.failure();
    if (response.headWritten()) {
      // half an answer is out: the only honest thing left is to cut the connection
      log.error("{} {} failed after the response started", ctx.request().method(), ctx.request().path(), failure);
      response.reset();
      return;
    }
    if (failure instanceof ProblemException e) {
      if (e.retryAfterSeconds() != null) {
        response.putHeader(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString());
      }
      send(ctx, e.problem());
      return;
    }
    if (failure instanceof AuthenticationException e) {
      send(ctx, authProblem(e));
      return;
    }
    if (failure != null && FailureClassifier.classify(failure) == FailureClassifier.Kind.TRANSIENT) {
      // a lost database connection, a deadlock, a timeout: the transaction rolled back, and the
      // same request may well succeed in a moment, which a 500 would not tell the client
      log.warn("{} {} failed transiently: {}", ctx.request().method(), ctx.request().path(), failure.toString());
      response.putHeader(HttpHeaders.RETRY_AFTER, "1");
      send(ctx, UNAVAILABLE);
      return;
    }
    ValidatorException invalid = validatorException(failure);
    Problem problem = invalid != null
        ? ValidationProblems.of(invalid, ctx.<Operation>get(ContractRequestExtractor.OPERATION))
        : forStatus(statusOf(ctx, failure, fallbackStatus));
    if (problem == null || problem.status() >= 500) {
      // logged here, once; the log line carries the request's correlation id
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      // a deliberate 503 (or 502, 504) keeps its status, with nothing of the cause
      send(ctx, problem == null || problem.status() == 500 ? INTERNAL : problem);
      return;
    }
    send(ctx, problem);
  }

  /** The answers auth's refusals had when auth threw problems itself: same type, title and detail. */
  private static Problem authProblem(AuthenticationException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED -> Problem.of("unauthorized", "Unauthorized", 401, e.reason());
      case FORBIDDEN -> Problem.of("forbidden", "Forbidden", 403, e.reason());
      // not the client's fault: a 401 would send it to log in again, to no avail
      case KEYS_UNAVAILABLE -> Problem.of("auth-keys-unavailable", "Service unavailable", 503, e.reason());
    };
  }

  /** The router wraps the validator's exception in a 400 {@link HttpException}. */
  private static ValidatorException validatorException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ValidatorException v) {
        return v;
      }
    }
    return null;
  }

  private static int statusOf(RoutingContext ctx, Throwable failure, int fallbackStatus) {
    if (failure instanceof HttpException e) {
      return e.getStatusCode();
    }
    // ctx.fail(413) from the BodyHandler, a 404/405/415 from route matching, or 500 for an
    // exception a handler threw or failed with
    return ctx.statusCode() >= 400 ? ctx.statusCode() : fallbackStatus;
  }

  /** A problem for a bare status: the detail says what a client can do, nothing internal. */
  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.of("bad-request", "Bad request", 400, "the request could not be understood");
      case 401 -> Problem.of("unauthorized", "Unauthorized", 401, "a valid access token is required");
      case 403 -> Problem.of("forbidden", "Forbidden", 403, "not allowed");
      case 404 -> Problem.of("not-found", "Not found", 404, "no such resource");
      case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, "this resource does not support the method");
      case 413 -> Problem.of("payload-too-large", "Payload too large", 413, "the request body is larger than allowed");
      case 414 -> Problem.of("uri-too-long", "URI too long", 414, "the request line is longer than allowed");
      case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415, "send the body as application/json");
      case 431 -> Problem.of("header-fields-too-large", "Request header fields too large", 431,
          "the request headers are larger than allowed");
      default -> {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        yield Problem.of(reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), reason, status, null);
      }
    };
  }
}
