package dev.prost.platform.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Verifies one token from its own event loop and records whether the answer came back there. */
final class VerifyingVerticle extends VerticleBase {

  static final Map<String, Future<Boolean>> RESULTS = new ConcurrentHashMap<>();
  private final JwtVerifier verifier;
  private final String token;

  VerifyingVerticle(JwtVerifier verifier, String token) {
    this.verifier = verifier;
    this.token = token;
  }

  @Override
  public Future<?> start() {
    Context own = context;
    Promise<Boolean> result = Promise.promise();
    RESULTS.put(deploymentID(), result.future());
    verifier.verify(token)
        .map(principal -> Vertx.currentContext() == own)
        .onComplete(result);
    return Future.succeededFuture();
  }
}
