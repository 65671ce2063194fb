package dev.prost.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tracing: every resource has a service.instance.id, one per process unless the operator names it")
class ServiceInstanceTest {

  private static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("service.instance.id");

  @Test
  @DisplayName("the services of one process share an id, another process has another; no span attribute without Zipkin")
  void onePerProcess() {
    Tracing first = Tracing.create(Env.of(Map.of("OTEL_TRACES_EXPORTER", "none")));
    Tracing second = Tracing.create(Env.of(Map.of("OTEL_TRACES_EXPORTER", "none")));
    try {
      SpanData orders = span(first, "orders");
      SpanData catalog = span(first, "catalog");
      SpanData twin = span(second, "orders");
      assertThat(orders.getResource().getAttribute(INSTANCE)).isNotBlank()
          .isEqualTo(catalog.getResource().getAttribute(INSTANCE))
          .isNotEqualTo(twin.getResource().getAttribute(INSTANCE));
      assertThat(orders.getAttributes().get(INSTANCE)).isNull();
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  @DisplayName("OTEL_RESOURCE_ATTRIBUTES' service.instance.id wins, and with Zipkin each span carries it too")
  void operatorsIdWins() {
    Tracing tracing = Tracing.create(Env.of(Map.of("OTEL_TRACES_EXPORTER", "zipkin",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://127.0.0.1:9/api/v2/spans",
        "OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=orders-1,deployment.environment=test")));
    try {
      SpanData span = span(tracing, "orders");
      assertThat(span.getResource().getAttribute(INSTANCE)).isEqualTo("orders-1");
      assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("orders");
      assertThat(span.getAttributes().get(INSTANCE)).isEqualTo("orders-1");
    } finally {
      tracing.close();
    }
  }

  private static SpanData span(Tracing tracing, String service) {
    Span span = tracing.tracer(service).spanBuilder("work").startSpan();
    span.end();
    return ((ReadableSpan) span).toSpanData();
  }
}
