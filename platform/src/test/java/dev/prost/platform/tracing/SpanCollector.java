package dev.prost.platform.tracing;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What a Zipkin server's collector receives ({@code POST /api/v2/spans}, JSON v2), kept in
 * memory, on a free port: the real exporter's output, for tests of the platform that run no
 * Zipkin. Runs on a Vert.x instance that does not trace (its own requests would be spans).
 */
public final class SpanCollector implements AutoCloseable {

  private final List<JsonObject> spans = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public SpanCollector(Vertx untraced) {
    this.server = Await.result(untraced.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> {
          new JsonArray(unzipped(body, request.getHeader("Content-Encoding"))).forEach(span -> spans.add((JsonObject) span));
          request.response().setStatusCode(202).end();
        }))
        .listen(0, "127.0.0.1"));
  }

  // the exporter gzips its batches
  private static Buffer unzipped(Buffer body, String encoding) {
    if (!"gzip".equalsIgnoreCase(encoding)) {
      return body;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The endpoint for {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.actualPort() + "/api/v2/spans";
  }

  public List<JsonObject> spans() {
    return List.copyOf(spans);
  }

  /** The spans of one trace. */
  public List<JsonObject> trace(String traceId) {
    return spans.stream().filter(span -> traceId.equals(span.getString("traceId"))).collect(Collectors.toList());
  }

  @Override
  public void close() {
    Await.result(server.close());
  }
}
