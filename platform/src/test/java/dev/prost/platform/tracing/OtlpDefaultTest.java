package dev.prost.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tracing: OTLP goes over HTTP in protobuf, by default too (the SDK's own default is gRPC)")
class OtlpDefaultTest {

  @Test
  @DisplayName("a span reaches POST /v1/traces of the endpoint as application/x-protobuf")
  void httpProtobufByDefault() {
    Vertx untraced = Vertx.vertx();
    List<String> received = new CopyOnWriteArrayList<>();
    try {
      HttpServer receiver = Await.result(untraced.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(request -> request.body().onSuccess(body -> {
            received.add(request.method() + " " + request.path() + " " + request.getHeader("Content-Type"));
            request.response().putHeader("Content-Type", "application/x-protobuf").end();
          }))
          .listen(0, "127.0.0.1"));
      Tracing tracing = Tracing.create(Env.of(Map.of("OTEL_TRACES_EXPORTER", "otlp",
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.actualPort(),
          "OTEL_BSP_SCHEDULE_DELAY", "50")));
      try {
        tracing.tracer("orders").spanBuilder("work").startSpan().end();
        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
      } finally {
        tracing.close();
      }
      assertThat(received).first().isEqualTo("POST /v1/traces application/x-protobuf");
    } finally {
      Await.result(untraced.close());
    }
  }

  @Test
  @DisplayName("OTEL_EXPORTER_OTLP_PROTOCOL=grpc is refused at start, naming the variable")
  void grpcRefused() {
    assertThatThrownBy(() -> Tracing.create(Env.of(Map.of("OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL");
  }
}
