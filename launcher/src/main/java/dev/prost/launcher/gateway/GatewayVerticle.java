package dev.prost.launcher.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * One gateway server with its own connections to the services; deployed once per event
 * loop ({@code PROST_HTTP_INSTANCES}), all sharing the port.
 */
final class GatewayVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private HttpClient client;

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
        .requestHandler(GatewayRouter.create(vertx, config, client, registry))
        .listen(config.port());
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }
}
