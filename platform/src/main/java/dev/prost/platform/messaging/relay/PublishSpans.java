package dev.prost.platform.messaging.relay;

import dev.prost.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.AsyncResult;
import io.vertx.sqlclient.Row;

/**
 * The producer span of one outbox row's publish, from the claim to the broker's confirm: a
 * child of the span of the transaction that wrote the row (its stored trace context), and the
 * parent the consumers continue (the {@code traceparent} header).
 */
final class PublishSpans {

  private final Tracer tracer;

  PublishSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  Span start(Row row, String exchange) {
    return tracer.spanBuilder("publish " + row.getString("event_type"))
        .setParent(TraceContext.extract(row.getJsonObject("trace_context")))
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "rabbitmq")
        .setAttribute("messaging.operation.type", "publish")
        .setAttribute("messaging.destination.name", exchange)
        .setAttribute("messaging.rabbitmq.destination.routing_key", row.getString("routing_key"))
        .setAttribute("messaging.message.id", row.getUUID("event_id").toString())
        .setAttribute("messaging.message.conversation_id", row.getUUID("correlation_id").toString())
        .setAttribute("prost.outbox.id", row.getLong("id"))
        .startSpan();
  }

  /** Ends the span once the broker confirmed the message, or with the error why it did not. */
  static void end(Span span, AsyncResult<?> confirmed) {
    if (confirmed.failed()) {
      span.setStatus(StatusCode.ERROR, String.valueOf(confirmed.cause().getMessage()));
    }
    span.end();
  }
}
