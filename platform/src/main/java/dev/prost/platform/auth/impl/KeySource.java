package dev.prost.platform.auth.impl;

import io.vertx.core.Future;
import java.security.interfaces.RSAPublicKey;

/** Where a verifier finds the key a token names. Never takes a key from the token itself. */
public interface KeySource {

  /**
   * The key for {@code kid} (null when the token names none). Fails with a
   * {@code ProblemException}: 401 for a key nobody knows, 503 while no keys could be loaded.
   */
  Future<RSAPublicKey> key(String kid);

  /** One configured key, whatever the token's kid says: the signature decides. */
  static KeySource pinned(RSAPublicKey key) {
    Future<RSAPublicKey> result = Future.succeededFuture(key);
    return kid -> result;
  }
}
