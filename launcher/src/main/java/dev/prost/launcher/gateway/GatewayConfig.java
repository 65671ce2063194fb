package dev.prost.launcher.gateway;

import dev.prost.launcher.Services;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import dev.prost.platform.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the gateway reads from the environment, once, at start.
 *
 * @param port {@code PROST_GATEWAY_PORT} (8080)
 * @param httpInstances {@code PROST_HTTP_INSTANCES}: gateway verticles sharing the port (default: one per core)
 * @param maxBodyBytes {@code PROST_HTTP_MAX_BODY_BYTES} (1 MiB): larger request bodies get 413
 * @param timeout {@code PROST_GATEWAY_TIMEOUT} (10s): longest wait for a connection, and for
 *     each piece of an upstream's answer, before the client gets 504
 * @param maxConnections {@code PROST_GATEWAY_MAX_CONNECTIONS} (64): connections to each
 *     upstream per gateway verticle; requests beyond wait for a free one
 * @param upstreams service name to base URL: {@code PROST_USERS_URL}, {@code PROST_CATALOG_URL},
 *     {@code PROST_CART_URL}, {@code PROST_ORDERS_URL}, by default {@code http://127.0.0.1:<port>}
 *     with the port of {@code PROST_<SERVICE>_PORT} (8081–8084)
 */
public record GatewayConfig(
    int port,
    int httpInstances,
    int maxBodyBytes,
    Duration timeout,
    int maxConnections,
    Map<String, URI> upstreams) {

  /** The services behind the gateway, in the order readiness reports them. */
  public static final List<String> UPSTREAMS = Services.NAMES;

  public GatewayConfig {
    upstreams = Map.copyOf(upstreams);
  }

  public static GatewayConfig from(Env env) {
    Map<String, URI> upstreams = new LinkedHashMap<>();
    for (String service : UPSTREAMS) {
      String prefix = "PROST_" + service.toUpperCase(Locale.ROOT);
      int port = env.port(prefix + "_PORT", Services.named(service).port());
      upstreams.put(service, baseUrl(env, prefix + "_URL", "http://127.0.0.1:" + port));
    }
    return new GatewayConfig(
        env.port("PROST_GATEWAY_PORT", 8080),
        HttpSettings.instances(env),
        HttpSettings.maxBodyBytes(env),
        env.duration("PROST_GATEWAY_TIMEOUT", Duration.ofSeconds(10)),
        env.integer("PROST_GATEWAY_MAX_CONNECTIONS", 64, 1, 10_000),
        upstreams);
  }

  public URI upstream(String service) {
    URI uri = upstreams.get(service);
    if (uri == null) {
      throw new IllegalArgumentException("no upstream named " + service);
    }
    return uri;
  }

  /** Scheme, host and port only: the gateway forwards the client's path unchanged. */
  private static URI baseUrl(Env env, String variable, String defaultValue) {
    URI uri = env.uri(variable, defaultValue, "http", "https");
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!bare) {
      throw new ConfigException(variable, "'" + uri + "' must be scheme://host[:port] without path, query or user");
    }
    return uri;
  }
}
