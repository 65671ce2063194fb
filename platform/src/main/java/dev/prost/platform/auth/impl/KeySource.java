package dev.prost.platform.auth.impl;

import io.vertx.core.Future;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The current key and retired ones: the key whose thumbprint is the token's kid, else the
   * current one (the signature decides). Never a key the verifier was not given.
   */
  static KeySource pinned(RSAPublicKey current, List<RSAPublicKey> retired) {
    if (retired.isEmpty()) {
      return pinned(current);
    }
    Map<String, Future<RSAPublicKey>> byKid = new HashMap<>();
    for (RSAPublicKey key : retired) {
      byKid.put(Jwk.thumbprint(key), Future.succeededFuture(key));
    }
    Future<RSAPublicKey> currentKey = Future.succeededFuture(current);
    byKid.put(Jwk.thumbprint(current), currentKey);
    return kid -> kid == null ? currentKey : byKid.getOrDefault(kid, currentKey);
  }
}
