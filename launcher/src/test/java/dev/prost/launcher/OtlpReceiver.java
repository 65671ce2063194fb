package dev.prost.launcher;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.prost.platform.testing.Await;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OTLP/HTTP receiver, as a collector or a backend runs one: {@code POST /v1/traces} with an
 * {@code ExportTraceServiceRequest} in protobuf, decoded with OpenTelemetry's own proto classes;
 * keeps every span with its resource's {@code service.name} and {@code service.instance.id}.
 * On a Vert.x of its own, which does not trace (its requests would be spans).
 */
final class OtlpReceiver implements TraceBackend, AutoCloseable {

  private static final HexFormat HEX = HexFormat.of();

  private final Vertx vertx = Vertx.vertx();
  private final List<TracedSpan> spans = new CopyOnWriteArrayList<>();
  private final Set<String> contentTypes = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  OtlpReceiver() {
    // HTTP/1.1 only: the JDK client asks to upgrade to h2c, and may carry on without
    this.server = Await.result(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1"));
  }

  /** For {@code OTEL_EXPORTER_OTLP_ENDPOINT}: the exporter appends {@code /v1/traces}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public List<TracedSpan> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  @Override
  public String toString() {
    return "OTLP receiver: " + requests + " requests, " + spans.size() + " spans, content types " + contentTypes;
  }

  /** The content types of the exports received. */
  Set<String> contentTypes() {
    return Set.copyOf(contentTypes);
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    if (request.method() != HttpMethod.POST || !"/v1/traces".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    contentTypes.add(String.valueOf(request.getHeader("Content-Type")));
    request.body().onSuccess(body -> {
      try {
        ExportTraceServiceRequest.parseFrom(body.getBytes()).getResourceSpansList().forEach(this::keep);
      } catch (InvalidProtocolBufferException e) {
        request.response().setStatusCode(400).end(e.getMessage());
        return;
      }
      request.response().putHeader("Content-Type", "application/x-protobuf")
          .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
    });
  }

  private void keep(ResourceSpans resourceSpans) {
    String service = attribute(resourceSpans.getResource(), "service.name");
    String instance = attribute(resourceSpans.getResource(), "service.instance.id");
    resourceSpans.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span ->
        spans.add(new TracedSpan(HEX.formatHex(span.getTraceId().toByteArray()),
            HEX.formatHex(span.getSpanId().toByteArray()),
            span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()),
            kind(span.getKind()), span.getName(), service, instance, span.getStartTimeUnixNano() / 1000))));
  }

  private static String attribute(Resource resource, String key) {
    return resource.getAttributesList().stream().filter(kv -> kv.getKey().equals(key))
        .map(KeyValue::getValue).map(value -> value.getStringValue()).findFirst().orElse(null);
  }

  /** {@code SPAN_KIND_SERVER} → {@code SERVER}, as Zipkin names it. */
  private static String kind(Span.SpanKind kind) {
    return kind.name().replace("SPAN_KIND_", "");
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
