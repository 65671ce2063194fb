package dev.prost.platform.http.admission;

import io.vertx.core.http.HttpMethod;

/**
 * A class of requests that shares one concurrency limit, so that a flood of one kind
 * cannot crowd out another: reads, writes, and checkouts (the costliest write, which
 * starts a saga) each have their own.
 */
public enum Lane {
  READS, WRITES, CHECKOUTS,
  /** Never limited: requests that wait by design (a held status request), or operator probes. */
  UNLIMITED;

  /** The lane of an operation nobody assigned one: reads for GET and HEAD, writes otherwise. */
  public static Lane byMethod(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD ? READS : WRITES;
  }

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
