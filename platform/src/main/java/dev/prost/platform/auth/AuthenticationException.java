package dev.prost.platform.auth;

/**
 * A request refused by authentication or authorization. It carries what the HTTP layer needs
 * to answer (the kind decides the status) and a short reason that never repeats the token;
 * the auth package itself knows nothing of HTTP errors or problem+json.
 */
public final class AuthenticationException extends RuntimeException {

  /** What went wrong, and so which status a client gets. */
  public enum Kind {
    /** No valid access token: 401, the client should log in (again). */
    UNAUTHORIZED(401),
    /** A valid token without the required role: 403. */
    FORBIDDEN(403),
    /** The signing keys could not be loaded yet: 503, not the client's fault. */
    KEYS_UNAVAILABLE(503);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final String reason;

  public AuthenticationException(Kind kind, String reason) {
    // no stack trace: refusing a token is an expected answer, not a bug to locate
    super(reason, null, false, false);
    this.kind = kind;
    this.reason = reason;
  }

  public static AuthenticationException unauthorized(String reason) {
    return new AuthenticationException(Kind.UNAUTHORIZED, reason);
  }

  public static AuthenticationException forbidden(String reason) {
    return new AuthenticationException(Kind.FORBIDDEN, reason);
  }

  public static AuthenticationException keysUnavailable(String reason) {
    return new AuthenticationException(Kind.KEYS_UNAVAILABLE, reason);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return kind.status();
  }

  /** Short and safe to show to the client, e.g. {@code token expired}. */
  public String reason() {
    return reason;
  }
}
