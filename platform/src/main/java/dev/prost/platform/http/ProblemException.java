package dev.prost.platform.http;

import java.util.List;

/**
 * A failure that already knows its HTTP answer. Handlers fail the routing context with it
 * ({@code ctx.fail(ProblemException.notFound(...))}); the one error handler renders it.
 */
public final class ProblemException extends RuntimeException {

  private final Problem problem;
  private final Long retryAfterSeconds;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  private ProblemException(Problem problem, Long retryAfterSeconds) {
    super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Problem problem() {
    return problem;
  }

  /** Seconds for a {@code Retry-After} header, or null. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** 400: a field is missing, ill-typed or out of range. */
  public static ProblemException invalidField(String field, String message) {
    return new ProblemException(new Problem(Problem.BASE + "validation", "Invalid request", 400,
        field + ": " + message, List.of(new Problem.FieldError(field, message))));
  }

  /** 400: the body is not JSON at all. */
  public static ProblemException malformedBody(String detail) {
    return new ProblemException(Problem.of("malformed-body", "Malformed request body", 400, detail));
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of("unauthorized", "Unauthorized", 401, detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of("not-found", "Not found", 404, detail));
  }

  /** 409 with a specific type, e.g. {@code email-taken}, {@code cart-checking-out}. */
  public static ProblemException conflict(String type, String detail) {
    return new ProblemException(Problem.of(type, "Conflict", 409, detail));
  }

  /** 422: well-formed but refers to something unusable (an inactive product, say). */
  public static ProblemException unprocessable(String type, String field, String detail) {
    return new ProblemException(new Problem(Problem.BASE + type, "Unprocessable request", 422, detail,
        List.of(new Problem.FieldError(field, detail))));
  }

  public static ProblemException tooManyRequests(long retryAfterSeconds, String detail) {
    return new ProblemException(Problem.of("too-many-requests", "Too many requests", 429, detail), retryAfterSeconds);
  }
}
