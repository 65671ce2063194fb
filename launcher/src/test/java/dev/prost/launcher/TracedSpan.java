package dev.prost.launcher;

import io.vertx.core.json.JsonObject;

/**
 * One span as a tracing backend shows it, whichever it is (Zipkin's JSON, OTLP's protobuf).
 *
 * @param kind {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER} or {@code INTERNAL}
 * @param parentId null for a root
 * @param service the span's {@code service.name}
 * @param instance the span's {@code service.instance.id}, null when it has none
 */
record TracedSpan(String traceId, String id, String parentId, String kind, String name, String service,
    String instance, long startMicros) {

  /** A span of Zipkin's v2 JSON: the service is the local endpoint's, the instance a tag. */
  static TracedSpan fromZipkin(JsonObject span) {
    return new TracedSpan(span.getString("traceId"), span.getString("id"), span.getString("parentId"),
        span.getString("kind", "INTERNAL"), span.getString("name"),
        span.getJsonObject("localEndpoint", new JsonObject()).getString("serviceName"),
        span.getJsonObject("tags", new JsonObject()).getString("service.instance.id"),
        span.getLong("timestamp"));
  }
}
