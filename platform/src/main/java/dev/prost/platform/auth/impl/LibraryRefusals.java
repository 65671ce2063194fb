package dev.prost.platform.auth.impl;

import dev.prost.platform.auth.AuthenticationException;
import io.vertx.ext.auth.NoSuchKeyIdException;
import java.security.SignatureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a vertx-auth-jwt refusal into our reason. By type where the library has one; its claim
 * checks fail with plain messages only, so those are matched here, in one place.
 */
final class LibraryRefusals {

  private static final Logger log = LoggerFactory.getLogger(LibraryRefusals.class);

  private LibraryRefusals() {}

  /**
   * @param exp the token's {@code exp}
   * @param skewedNow now minus the allowed clock skew: the library says "expired" for a token
   *     not valid yet too ({@code nbf} or {@code iat} in the future), and this tells them apart
   */
  static AuthenticationException reason(Throwable failure, long exp, long skewedNow) {
    if (failure instanceof AuthenticationException refused) {
      return refused;
    }
    if (failure instanceof NoSuchKeyIdException) {
      return AuthenticationException.unauthorized("unknown kid");
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SignatureException) {
        return AuthenticationException.unauthorized("invalid signature");
      }
    }
    String message = String.valueOf(failure.getMessage());
    if (message.startsWith("Invalid JWT audience")) {
      return AuthenticationException.unauthorized("wrong audience");
    }
    if (message.startsWith("Invalid JWT issuer")) {
      return AuthenticationException.unauthorized("wrong issuer");
    }
    if (message.contains("token expired")) {
      return AuthenticationException.unauthorized(skewedNow >= exp ? "token expired" : "token not yet valid");
    }
    log.debug("token refused by the JWT library: {}", message);
    return AuthenticationException.unauthorized("invalid token");
  }
}
