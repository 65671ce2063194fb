package dev.prost.platform.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the JSON payload of one event type from version n into version n + 1.
 *
 * <p>Upcasters work on JSON rather than records because only the current version has a record;
 * keeping old records around would make every consumer handle every version.
 */
@FunctionalInterface
public interface Upcaster {

  /**
   * Returns the version n + 1 payload. The argument belongs to the codec, so an upcaster may
   * modify and return it.
   */
  ObjectNode upcast(ObjectNode payload);
}
