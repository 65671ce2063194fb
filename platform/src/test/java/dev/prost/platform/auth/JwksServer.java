package dev.prost.platform.auth;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the users service's JWKS endpoint on a free port: serves whatever key set
 * the test sets, counts requests, and can answer 503 or slowly on demand.
 */
final class JwksServer implements AutoCloseable {

  final AtomicInteger requests = new AtomicInteger();
  private volatile JsonObject jwks = new JsonObject().put("keys", new JsonArray());
  private volatile int failuresLeft;
  private volatile boolean down;
  private volatile long delayMs;
  private final Vertx vertx;
  private final HttpServer server;

  JwksServer(Vertx vertx) {
    this.vertx = vertx;
    this.server = Await.result(vertx.createHttpServer()
        .requestHandler(req -> {
          requests.incrementAndGet();
          if (down || failuresLeft > 0) {
            failuresLeft--;
            req.response().setStatusCode(503).end();
          } else if (delayMs > 0) {
            vertx.setTimer(delayMs, id -> req.response().putHeader("content-type", "application/json")
                .end(jwks.encode()));
          } else {
            req.response().putHeader("content-type", "application/json").end(jwks.encode());
          }
        })
        .listen(0, "127.0.0.1"));
  }

  /** Serves exactly these issuers' keys from now on. */
  JwksServer serve(JwtIssuer... issuers) {
    JsonArray keys = new JsonArray();
    for (JwtIssuer issuer : issuers) {
      issuer.jwks().getJsonArray("keys").forEach(keys::add);
    }
    jwks = new JsonObject().put("keys", keys);
    return this;
  }

  JwksServer failFirst(int count) {
    failuresLeft = count;
    return this;
  }

  JwksServer down(boolean value) {
    down = value;
    return this;
  }

  JwksServer delay(long millis) {
    delayMs = millis;
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json");
  }

  @Override
  public void close() {
    Await.result(server.close());
  }
}
