package dev.prost.platform.service;

import io.vertx.core.Future;

/** A started service: what the launcher, a service jar or a test holds to stop it in order. */
@FunctionalInterface
public interface RunningService {

  /** Stops consumers, lets in-flight work finish, then closes servers, pools and connections. */
  Future<Void> stop();
}
