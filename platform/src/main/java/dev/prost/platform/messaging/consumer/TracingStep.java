package dev.prost.platform.messaging.consumer;

import dev.prost.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Context;
import java.util.function.BiConsumer;

/**
 * The chain's first link: starts the consumer span of a delivery, continuing the trace its
 * {@code traceparent} header names (the relay's publish span), and makes it current on the
 * delivery's own context, so the handler's SQL spans and log lines belong to it. The
 * {@link Settlement} ends it; the {@link FailureRouter} records a retry or dead-letter on it.
 */
final class TracingStep {

  private final Tracer tracer;
  private final String queue;
  private final String consumer;
  private final BiConsumer<Delivery, Context> next;

  TracingStep(Tracer tracer, String queue, String consumer, BiConsumer<Delivery, Context> next) {
    this.tracer = tracer;
    this.queue = queue;
    this.consumer = consumer;
    this.next = next;
  }

  void accept(Delivery delivery, Context context) {
    String type = delivery.properties().getType();
    Span span = tracer.spanBuilder("process " + (type == null ? queue : type))
        .setParent(TraceContext.extract(delivery.headers()))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "rabbitmq")
        .setAttribute("messaging.operation.type", "process")
        .setAttribute("messaging.destination.name", queue)
        .setAttribute("messaging.rabbitmq.destination.routing_key", delivery.originalRoutingKey())
        .setAttribute("messaging.message.id", String.valueOf(delivery.properties().getMessageId()))
        .setAttribute("messaging.consumer.group.name", consumer)
        .setAttribute("prost.attempt", delivery.attempts() + 1L)
        .startSpan();
    // never closed: the context is this delivery's alone, and ends with it
    io.opentelemetry.context.Context.root().with(span).makeCurrent();
    next.accept(delivery.traced(span), context);
  }
}
