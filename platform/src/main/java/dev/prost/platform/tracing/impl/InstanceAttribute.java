package dev.prost.platform.tracing.impl;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Stamps {@code service.instance.id} on every span as it starts: Zipkin's exporter keeps only
 * {@code service.name} of the resource, and two instances of a service on one host would
 * otherwise look alike in Zipkin.
 */
final class InstanceAttribute implements SpanProcessor {

  private final String instanceId;

  InstanceAttribute(String instanceId) {
    this.instanceId = instanceId;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    span.setAttribute(SdkTracing.SERVICE_INSTANCE_ID, instanceId);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
