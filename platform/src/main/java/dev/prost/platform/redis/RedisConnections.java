package dev.prost.platform.redis;

import dev.prost.platform.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Redis client a service uses for hot reads and throttling. Redis is never a
 * dependency a request must wait for: every call through {@link #withTimeout} gives up
 * quickly, and callers fall back (fail open, or read PostgreSQL) when it does.
 */
public final class RedisConnections {

  private final RedisAPI api;
  private final Redis client;
  private final Duration timeout;

  private RedisConnections(Redis client, Duration timeout) {
    this.client = client;
    this.api = RedisAPI.api(client);
    this.timeout = timeout;
  }

  /** {@code PROST_REDIS_URL} (default {@code redis://127.0.0.1:6379}). */
  public static URI url(Env env) {
    return env.uri("PROST_REDIS_URL", "redis://127.0.0.1:6379", "redis", "rediss");
  }

  /** {@code url} as {@link #url(Env)} reads it. */
  public static RedisConnections create(Vertx vertx, URI url, Duration timeout) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(url.toString())
        .setMaxPoolSize(8)
        .setMaxPoolWaiting(256)
        .setPoolRecycleTimeout(15_000);
    return new RedisConnections(Redis.createClient(vertx, options), timeout);
  }

  public RedisAPI api() {
    return api;
  }

  /**
   * The requests written at once on one connection and answered in order: one round trip for
   * all of them, and no other caller's command between them.
   */
  public Future<List<Response>> batch(List<Request> requests) {
    return client.batch(requests);
  }

  /** The call, failing after the configured timeout instead of waiting on a dead server. */
  public <T> Future<T> withTimeout(Future<T> call) {
    return call.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** For {@code /health/ready}. */
  public Future<Void> ping() {
    return withTimeout(api.ping(List.of())).mapEmpty();
  }

  public void close() {
    client.close();
  }
}
