package dev.prost.launcher.gateway;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a service on a free port. {@code echo} answers every request with what it
 * received (method, uri, headers, body, peer), except {@code /api/orders/made}: a 201 with
 * headers a client relies on, and {@code /api/cart/streamed}: a chunked answer in pieces.
 * {@code silent} takes requests and never answers.
 */
final class StubService implements AutoCloseable {

  final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  private StubService(Vertx vertx, boolean answer) {
    this.server = Await.result(vertx.createHttpServer()
        .requestHandler(request -> {
          requests.incrementAndGet();
          if (answer) {
            answer(request);
          }
        })
        .listen(0, "127.0.0.1"));
  }

  static StubService echo(Vertx vertx) {
    return new StubService(vertx, true);
  }

  static StubService silent(Vertx vertx) {
    return new StubService(vertx, false);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private static void answer(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      switch (request.path()) {
        case "/api/orders/made" -> request.response()
            .setStatusCode(201)
            .putHeader("Location", "/api/orders/42")
            .putHeader("Retry-After", "7")
            .putHeader("Cache-Control", "no-store")
            .putHeader("Content-Type", "application/vnd.prost.test+json; charset=utf-8")
            .end("{\"made\":true}");
        case "/api/cart/streamed" -> request.response()
            .setChunked(true)
            .putHeader("Content-Type", "text/plain")
            .write("first,")
            .compose(v -> request.response().write("second,"))
            .compose(v -> request.response().end("third"));
        default -> {
          JsonObject headers = new JsonObject();
          request.headers().names().forEach(name ->
              headers.put(name.toLowerCase(), new JsonArray(request.headers().getAll(name))));
          request.response()
              .putHeader("Content-Type", "application/json")
              .putHeader("X-Request-Id", "the-service-echo-of-it")
              .putHeader("Connection", "keep-alive")
              .end(new JsonObject()
                  .put("method", request.method().name())
                  .put("uri", request.uri())
                  .put("headers", headers)
                  .put("body", body.toString())
                  .encode());
        }
      }
    });
  }

  @Override
  public void close() {
    Await.result(server.close());
  }
}
