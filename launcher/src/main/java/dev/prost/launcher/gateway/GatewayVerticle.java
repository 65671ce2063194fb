package dev.prost.launcher.gateway;

import dev.prost.platform.http.HttpErrors;
import dev.prost.platform.http.ServiceHttpVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * One gateway server with its own connections to the services; deployed once per event
 * loop ({@code PROST_HTTP_INSTANCES}), all sharing the port.
 */
final class GatewayVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private HttpClient client;
  private HttpServer server;

  GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    // responses are passed on as the service encoded them: no decompression, no redirects followed
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(config.maxConnections()));
    return vertx.createHttpServer()
        .invalidRequestHandler(HttpErrors.invalidRequestHandler())
        .requestHandler(GatewayRouter.create(vertx, config, client, registry))
        .listen(config.port())
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "gateway cannot listen on port " + config.port() + ": " + e.getMessage(), e)))
        .onSuccess(listening -> server = listening);
  }

  // requests in progress finish (their services stop after the gateway) before the client closes
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture()
        : server.shutdown(ServiceHttpVerticle.GRACE.toMillis(), TimeUnit.MILLISECONDS);
    return drained.eventually(client::close);
  }
}
