package dev.prost.platform.http;

import dev.prost.platform.config.Env;

/** The HTTP settings every service reads alike, with one definition of their defaults. */
public final class HttpSettings {

  private HttpSettings() {}

  /** {@code PROST_HTTP_INSTANCES}: HTTP verticles sharing a service's port (default: one per core). */
  public static int instances(Env env) {
    return env.integer("PROST_HTTP_INSTANCES", Runtime.getRuntime().availableProcessors(), 1, 64);
  }

  /** {@code PROST_HTTP_MAX_BODY_BYTES}: larger request bodies are refused with 413 (default 1 MiB). */
  public static int maxBodyBytes(Env env) {
    return env.integer("PROST_HTTP_MAX_BODY_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024);
  }
}
