package dev.prost.platform.service;

import dev.prost.platform.http.ServiceRouter;
import io.vertx.core.Future;
import java.util.Optional;

/** A started service: what the launcher, a service jar or a test holds to stop it in order. */
@FunctionalInterface
public interface RunningService {

  /** Stops consumers, lets in-flight work finish, then closes servers, pools and connections. */
  Future<Void> stop();

  /**
   * What the service's HTTP servers route, for an entry point that serves several services of
   * one process from one router; empty for a service without routes.
   */
  default Optional<ServiceRouter.Options> routes() {
    return Optional.empty();
  }
}
