package dev.prost.platform.auth.impl;

import io.vertx.core.Future;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/** Where a verifier finds the keys a token may be signed with. Never takes a key from the token itself. */
public interface KeySource {

  /**
   * A ring that holds {@code kid}'s key (kid is null when the token names none). Fails with an
   * {@code AuthenticationException}: 401 for a kid nobody knows, 503 while no keys could be loaded.
   */
  Future<KeyRing> ring(String kid);

  /** Configured keys: the current one whatever the token's kid says, and retired ones by their kid. */
  static KeySource pinned(RSAPublicKey current, List<RSAPublicKey> retired) {
    Future<KeyRing> ring = Future.succeededFuture(KeyRing.pinned(current, retired));
    return kid -> ring;
  }
}
